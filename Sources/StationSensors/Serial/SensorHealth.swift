/// How a sensor is doing, as the status display, the control socket and the
/// health readings show it.
public struct SensorHealth: Sendable, Hashable, CustomStringConvertible {
    public enum State: String, Sendable, Hashable {
        /// The last cycle delivered a reading (or, while warming up, a valid frame).
        case ok
        /// The port is open but recent cycles failed; the next cycle tries again.
        case degraded
        /// No reading for several cycles, or the device is gone.
        case unavailable
    }

    public var state: State
    /// Why it is not ok (nil when ok).
    public var reason: FailureReason?
    /// A short text for a technician: the system error, the wait being done.
    public var detail: String

    public init(_ state: State, reason: FailureReason? = nil, detail: String = "") {
        self.state = state
        self.reason = reason
        self.detail = detail
    }

    public static let ok = SensorHealth(.ok)

    /// `ok`, `degraded (timeout)`, `unavailable (device_gone: open(/dev/ttyUSB0): ...)`.
    public var description: String {
        guard let reason else { return detail.isEmpty ? state.rawValue : "\(state.rawValue): \(detail)" }
        return detail.isEmpty ? "\(state.rawValue) (\(reason.rawValue))" : "\(state.rawValue) (\(reason.rawValue): \(detail))"
    }
}

/// What a sensor driver reports.
public enum SensorEvent: Sendable, Hashable {
    /// One measurement: its values and when it was taken (from the driver's
    /// clock: `CLOCK_BOOTTIME` nanoseconds unless a test injects another).
    case values([SensorValue], monotonicNanos: UInt64)
    /// The health changed (sent on every change, not on every cycle).
    case health(SensorHealth)
}

/// A snapshot of a driver's state for diagnostics (`stationctl sensors status`).
public struct SensorStatus: Sendable, Hashable {
    public var health = SensorHealth(.unavailable, detail: "not started")
    /// Every failure since start, by reason.
    public var failures = FailureCounts()
    /// Measurements delivered.
    public var readings = 0
    /// Measurements thrown away during warm-up or preheat.
    public var discarded = 0
    /// Times the port was (re)opened.
    public var opens = 0
    public var lastValues: [SensorValue] = []
}
