import StationSystem

/// Why a driver step did not complete.
enum LinkError: Error {
    /// The driver was asked to stop.
    case cancelled
    /// The port vanished or could not be used: reopen.
    case gone(SystemError)
    /// This step failed; the next cycle tries again.
    case failed(FailureReason, String)
}

/// A driver's view of its open port, used from the driver's own thread
/// only: sends, receives with deadlines, and waits that end at once when the
/// driver is stopped.
final class SerialLink {
    let port: SerialPort
    private let wake: WakeSignal
    /// Where decoder failures go as they happen (the driver's counters).
    private let record: (FailureReason) -> Void

    init(port: SerialPort, wake: WakeSignal, record: @escaping (FailureReason) -> Void) {
        self.port = port
        self.wake = wake
        self.record = record
    }

    static func now() -> UInt64 { MonotonicClock.nowNanos() }

    func send(_ bytes: [UInt8]) throws(LinkError) {
        if wake.isFired { throw .cancelled }
        do { try port.write(bytes) } catch { throw .gone(error) }
    }

    /// Drops stale input (frames streamed while nobody asked).
    func discardInput() throws(LinkError) {
        do { try port.discardInput() } catch { throw .gone(error) }
    }

    /// A failure found in a valid answer (a sensor reporting its own
    /// error): counted like the others, to be thrown by the session.
    func fail(_ reason: FailureReason, _ detail: String) -> LinkError {
        record(reason)
        return .failed(reason, detail)
    }

    /// What arrives before `deadline` (monotonic nanoseconds); empty at the deadline.
    func receive(until deadline: UInt64) throws(LinkError) -> [UInt8] {
        let now = Self.now()
        guard deadline > now else { return [] }
        let ms = Int32(clamping: (deadline - now + 999_999) / 1_000_000)
        do {
            let bytes = try port.read(timeoutMilliseconds: ms, wake: wake)
            if bytes.isEmpty && wake.isFired { throw LinkError.cancelled }
            return bytes
        } catch let error as SystemError {
            throw .gone(error)
        } catch let error as LinkError {
            throw error
        } catch {
            throw .failed(.deviceError, "\(error)")
        }
    }

    /// Waits until `deadline`, returning early only when stopped (then it throws).
    func pause(until deadline: UInt64) throws(LinkError) {
        while true {
            let now = Self.now()
            if wake.isFired { throw .cancelled }
            guard deadline > now else { return }
            let ms = Int32(clamping: (deadline - now + 999_999) / 1_000_000)
            _ = try? Poll.wait([(wake.descriptor, .readable)], timeoutMilliseconds: ms)
        }
    }

    func pause(for duration: Duration) throws(LinkError) {
        try pause(until: Self.now() + duration.wholeNanoseconds)
    }

    /// Sends `request` (if any) and reads until `accept` takes a message or
    /// `timeout` passes. `accept` returns nil to skip a message (an unrelated
    /// frame), a failure to end the exchange with that reason.
    /// Decoder failures are recorded as they happen; a timeout after one of
    /// them is reported with that reason (a bad checksum is more telling than
    /// "timeout"), otherwise as a timeout.
    func exchange<D: FrameDecoder, T>(
        _ request: [UInt8]?, decoder: inout D, timeout: Duration,
        accept: (D.Message) -> Result<T, FailureReason>?
    ) throws(LinkError) -> T {
        decoder.reset()
        if let request { try send(request) }
        let deadline = Self.now() + timeout.wholeNanoseconds
        var lastFailure: FailureReason?
        while true {
            let bytes = try receive(until: deadline)
            if bytes.isEmpty {
                guard Self.now() >= deadline else { continue }
                if let lastFailure { throw .failed(lastFailure, "no valid answer within \(timeout) (\(lastFailure.rawValue))") }
                record(.timeout)
                throw .failed(.timeout, "no answer within \(timeout)")
            }
            for event in decoder.feed(bytes) {
                switch event {
                case .failure(let reason):
                    record(reason)
                    lastFailure = reason
                case .message(let message):
                    switch accept(message) {
                    case nil: continue
                    case .success(let value)?: return value
                    case .failure(let reason)?:
                        record(reason)
                        throw .failed(reason, "the sensor answered \(reason.rawValue)")
                    }
                }
            }
        }
    }
}
