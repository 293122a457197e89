import StationConfig
import StationCore
import StationMQTT
import StationStore
import StationSystem
import Synchronization

/// What the running daemon is doing, for the control socket: shared by the
/// services of the current configuration and replaced on each reload.
public final class DaemonState: Sendable {
    /// The parts of one running configuration that reports look at.
    public struct Running: Sendable {
        public var loaded: LoadedConfiguration
        public var store: StoreService?
        public var uplink: Uplink?
        public var sensors: [SerialSensorService] = []
        public var gpio: [GPIOService] = []
    }

    public let clock: any ClockSource
    /// Live readings for watchers; the same across reloads.
    public let tap = ReadingTap()
    private let startedNanos = MonotonicClock.nowNanos()
    private let running = Mutex<Running?>(nil)
    private let reloader = Mutex<(@Sendable (@escaping @Sendable (ReloadReport) -> Void) -> Void)?>(nil)

    public init(clock: any ClockSource) {
        self.clock = clock
    }

    public var current: Running? { running.withLock { $0 } }

    func setRunning(_ value: Running) { running.withLock { $0 = value } }

    /// Set by the daemon: asks its main loop to reload and calls back with the outcome.
    func setReloader(_ body: @escaping @Sendable (@escaping @Sendable (ReloadReport) -> Void) -> Void) {
        reloader.withLock { $0 = body }
    }

    /// Asks for a reload, as SIGHUP does; `reply` gets the outcome.
    public func requestReload(_ reply: @escaping @Sendable (ReloadReport) -> Void) {
        guard let reload = reloader.withLock({ $0 }) else {
            reply(ReloadReport(outcome: "refused", configHash: "", messages: ["the daemon is not ready to reload"]))
            return
        }
        reload(reply)
    }

    public var uptimeSeconds: Int { Int((MonotonicClock.nowNanos() - startedNanos) / 1_000_000_000) }
}
