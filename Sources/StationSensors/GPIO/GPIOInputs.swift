import StationSystem
import Synchronization

/// What the GPIO inputs report.
public enum GPIOEvent: Sendable, Hashable {
    /// A debounced state change or a stuck flag of one input.
    case input(InputEvent)
    /// The counts of every group (periodically, and after each state change).
    case snapshot([GroupSnapshot])
    /// An input's line could not be opened or read; it is unknown meanwhile
    /// and reopened every `reopenInterval`.
    case lineFailed(input: String, GPIOError)
}

/// Watches a set of occupancy inputs on one thread: edges from the backend
/// go through each input's `InputTracker`; changes and group snapshots go to
/// `onEvent`. Shaped as a service: `prepare()` opens the lines (and throws if
/// any is missing), `run()` works until its task is cancelled.
public final class GPIOInputs: Sendable {
    public let inputs: [GPIOInputOptions]
    let backend: any GPIOBackend
    let clock: @Sendable () -> UInt64
    let snapshotInterval: Duration
    let reopenInterval: Duration
    let onEvent: @Sendable (GPIOEvent) -> Void
    private let shared: Mutex<Shared>

    private struct Shared: @unchecked Sendable {
        // @unchecked: lines are touched by prepare() before run() and then only by the run thread.
        var lines: [Int: any GPIOLine] = [:]
        var trackers: [InputTracker]
    }

    /// `clock` stamps events (default `CLOCK_BOOTTIME`); edges are stamped when
    /// read, within milliseconds of the edge, since the v1 event clock is unknown.
    public init(
        inputs: [GPIOInputOptions], backend: any GPIOBackend,
        snapshotInterval: Duration = .seconds(60), reopenInterval: Duration = .seconds(10),
        clock: @escaping @Sendable () -> UInt64 = { MonotonicClock.bootNanos() },
        onEvent: @escaping @Sendable (GPIOEvent) -> Void
    ) {
        self.inputs = inputs
        self.backend = backend
        self.snapshotInterval = snapshotInterval
        self.reopenInterval = reopenInterval
        self.clock = clock
        self.onEvent = onEvent
        shared = Mutex(Shared(trackers: inputs.map(InputTracker.init)))
    }

    /// The current group counts.
    public var snapshot: [GroupSnapshot] { shared.withLock { GroupSnapshot.of($0.trackers, at: clock()) } }

    /// The trackers' states, glitch counts and stuck flags.
    public var trackers: [InputTracker] { shared.withLock { $0.trackers } }

    /// Opens every line; throws the errors of all lines that failed (the
    /// others stay open, and `run()` keeps retrying the failed ones).
    public func prepare() throws(GPIOSetupError) {
        let failures = openMissing()
        if !failures.isEmpty { throw GPIOSetupError(failures: failures) }
    }

    /// Runs until the surrounding task is cancelled.
    public func run() async throws {
        let wake = try WakeSignal()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                do {
                    try OSThread.detach { [self] in
                        loop(wake)
                        done.resume()
                    }
                } catch {
                    done.resume()
                }
            }
        } onCancel: {
            wake.fire()
        }
    }

    /// Opens the lines not open yet; returns the failures.
    @discardableResult
    func openMissing() -> [GPIOError] {
        var failures: [GPIOError] = []
        for (index, input) in inputs.enumerated() where shared.withLock({ $0.lines[index] == nil }) {
            do {
                let line = try backend.open(input.line)
                let active = try line.isActive()
                let events = shared.withLock { s -> [InputEvent] in
                    s.lines[index] = line
                    return s.trackers[index].start(active: active, at: clock())
                }
                emit(events)
            } catch {
                failures.append(error)
                onEvent(.lineFailed(input: input.name, error))
            }
        }
        return failures
    }

    private func emit(_ events: [InputEvent]) {
        for event in events { onEvent(.input(event)) }
        if events.contains(where: { if case .state = $0.kind { true } else { false } }) {
            onEvent(.snapshot(snapshot))
        }
    }

    private func loop(_ wake: WakeSignal) {
        let snapshotNanos = snapshotInterval.wholeNanoseconds
        let reopenNanos = reopenInterval.wholeNanoseconds
        var nextSnapshot = clock() + snapshotNanos
        var nextReopen = clock() + reopenNanos
        while !wake.isFired {
            let (lines, deadline) = shared.withLock { s in
                (s.lines.sorted { $0.key < $1.key }, s.trackers.compactMap(\.nextDeadline).min())
            }
            let now = clock()
            let until = [deadline, nextSnapshot, nextReopen].compactMap { $0 }.min() ?? now
            let timeout = until > now ? Int32(clamping: (until - now + 999_999) / 1_000_000) : 0
            let set = [(wake.descriptor, Poll.Events.readable)] + lines.map { ($0.value.eventDescriptor, Poll.Events.readable) }
            let ready = (try? Poll.wait(set, timeoutMilliseconds: timeout)) ?? []
            for (i, (index, line)) in lines.enumerated() where ready.count > i + 1 && !ready[i + 1].isEmpty {
                read(index, line)
            }
            let after = clock()
            emit(shared.withLock { s in s.trackers.indices.flatMap { s.trackers[$0].advance(to: after) } })
            if after >= nextSnapshot {
                nextSnapshot = after + snapshotNanos
                onEvent(.snapshot(snapshot))
            }
            if after >= nextReopen {
                nextReopen = after + reopenNanos
                openMissing()
            }
        }
        shared.withLock { s in
            for line in s.lines.values { line.close() }
            s.lines = [:]
        }
    }

    private func read(_ index: Int, _ line: any GPIOLine) {
        do {
            let edges = try line.readEdges()
            let now = clock()
            // Edges read together keep their spacing: the backend clock is
            // unknown but steady within one line, so only differences are used.
            let last = edges.last?.backendNanos ?? 0
            emit(shared.withLock { s in
                edges.flatMap { edge in
                    let before = last >= edge.backendNanos ? min(last - edge.backendNanos, now) : 0
                    return s.trackers[index].edge(active: edge.active, at: now - before)
                }
            })
        } catch {
            // A line that cannot be read is closed, reported, and reopened later.
            line.close()
            let now = clock()
            emit(shared.withLock { s in
                s.lines[index] = nil
                return s.trackers[index].lost(at: now)
            })
            onEvent(.lineFailed(input: inputs[index].name, error))
        }
    }
}

/// Inputs whose lines could not be opened.
public struct GPIOSetupError: Error, Sendable, CustomStringConvertible {
    public var failures: [GPIOError]
    public var description: String { failures.map(\.description).joined(separator: "\n") }
}
