import StationSystem
import Synchronization

/// The driver of one serial sensor: a long-running loop that opens the port,
/// configures the sensor, takes a measurement every interval (sleeping the
/// sensor in between when that saves its laser), and reports values and
/// health through `onEvent`.
///
/// Shaped as a service: `prepare()` checks the options, `run()` works until
/// its task is cancelled and then returns. It never throws for a sensor
/// problem: a missing port, silence or bad frames are counted, reported as
/// health, and tried again, so one bad sensor never stops the others.
///
/// The port is used from a dedicated OS thread (blocking `poll` with a wake
/// signal), so a slow device never holds a Swift concurrency thread.
public final class SerialSensor: Sendable {
    public let name: String
    public let options: SerialSensorOptions
    let clock: @Sendable () -> UInt64
    let onEvent: @Sendable (SensorEvent) -> Void
    let state = Mutex(SensorStatus())

    /// `clock` stamps values (default `CLOCK_BOOTTIME`); `onEvent` is called
    /// on the driver's thread and must not block for long.
    public init(
        name: String, options: SerialSensorOptions,
        clock: @escaping @Sendable () -> UInt64 = { MonotonicClock.bootNanos() },
        onEvent: @escaping @Sendable (SensorEvent) -> Void
    ) {
        self.name = name
        self.options = options
        self.clock = clock
        self.onEvent = onEvent
    }

    /// A copy of the current state.
    public var status: SensorStatus { state.withLock { $0 } }

    /// Checks what can be checked without the device (the device itself may
    /// come later: it is retried in `run()`).
    public func prepare() throws(SensorConfigurationError) {
        guard SerialPort.isSupported(baud: options.baud) else {
            throw SensorConfigurationError("sensor \(name): baud \(options.baud) is not supported (9600, 19200, 38400, 57600, 115200)")
        }
        guard options.interval > .zero else { throw SensorConfigurationError("sensor \(name): interval must be positive") }
        guard options.port.hasPrefix("/") else { throw SensorConfigurationError("sensor \(name): port '\(options.port)' is not an absolute path") }
    }

    /// Runs until the surrounding task is cancelled.
    public func run() async throws {
        let wake = try WakeSignal()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                do {
                    try OSThread.detach { [self] in
                        var loop = SerialSensorLoop(sensor: self, wake: wake)
                        loop.run()
                        done.resume()
                    }
                } catch {
                    update(health: SensorHealth(.unavailable, reason: .deviceError, detail: "\(error)"))
                    done.resume()
                }
            }
        } onCancel: {
            wake.fire()
        }
    }

    func record(_ reason: FailureReason) {
        state.withLock { $0.failures.record(reason) }
    }

    func update(health: SensorHealth) {
        let changed = state.withLock { status in
            defer { status.health = health }
            return status.health != health
        }
        if changed { onEvent(.health(health)) }
    }

    func deliver(_ values: [SensorValue]) {
        let at = clock()
        state.withLock {
            $0.readings += 1
            $0.lastValues = values
        }
        onEvent(.values(values, monotonicNanos: at))
    }

    func discard() { state.withLock { $0.discarded += 1 } }
    func opened() { state.withLock { $0.opens += 1 } }
}

/// A sensor configuration that cannot work (found before running).
public struct SensorConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
