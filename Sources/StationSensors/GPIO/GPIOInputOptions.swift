/// How an occupancy input turns its line into a state.
public enum InputKind: Sendable, Hashable {
    /// The level is the state: active = occupied (relay held while a vehicle
    /// is there, IR beam broken, reed switch closed by a docked bike).
    case presence
    /// The detector pulses; the rules say what a pulse means.
    case pulse(PulseRules)
}

/// Pulse-mode rules (inductive loop detectors give ~250 ms to ~1.5 s pulses).
public struct PulseRules: Sendable, Hashable {
    /// What a valid pulse does to the state.
    public enum Meaning: Sendable, Hashable {
        /// Each pulse flips the state (a pulse on arrival and one on departure).
        /// Unknown until the first pulse; an arrival is assumed then.
        case toggle
        /// A pulse means occupied; free again after `hold` without a pulse.
        case arrival(hold: Duration)
    }

    /// The proposed default of `pulse_hold` for `arrival`.
    public static let defaultHold: Duration = .seconds(300)

    public var meaning: Meaning
    /// Shorter active periods are noise (counted as glitches).
    public var minimum: Duration
    /// An active level held longer is not a pulse: the detector is faulty or
    /// unpowered (fail-safe wiring reads that as active), so the state is unknown.
    public var maximum: Duration

    public init(meaning: Meaning = .toggle, minimum: Duration = .milliseconds(150), maximum: Duration = .seconds(2)) {
        self.meaning = meaning
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// One occupancy input. The config keys that set each field are named beside it.
public struct GPIOInputOptions: Sendable, Hashable {
    /// `name`: the input's name in readings (`rack-north-07`).
    public var name: String
    /// `group`: the group it is counted in (`rack-north`).
    public var group: String
    /// `chip`, `line`, `active_low`, `bias`.
    public var line: GPIOLineRequest
    /// `debounce` (proposed, default 50 ms): a level counts once it held this long.
    public var debounce: Duration = .milliseconds(50)
    /// `kind` (proposed: `presence` | `pulse`), with `pulse_mode` (`toggle` |
    /// `arrival`), `pulse_hold`, `pulse_min`, `pulse_max` for pulses.
    public var kind: InputKind = .presence
    /// `stuck_after` (proposed, default none): flag an input whose state has
    /// not changed for this long (a bay "occupied" for days is a fault).
    public var stuckAfter: Duration?

    public init(name: String, group: String, line: GPIOLineRequest) {
        self.name = name
        self.group = group
        self.line = line
    }
}

/// An input's debounced state.
public enum OccupancyState: String, Sendable, Hashable, CaseIterable {
    case occupied, free
    /// Not known yet (starting, waiting for a first pulse) or not knowable
    /// (line missing, detector held active).
    case unknown

    /// The value of an `occupied` reading: 1, 0, or nil for unknown.
    public var readingValue: Double? {
        switch self {
        case .occupied: return 1
        case .free: return 0
        case .unknown: return nil
        }
    }
}

/// Something an input reports, with the monotonic time it happened.
public struct InputEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The debounced state changed.
        case state(OccupancyState)
        /// The state has not changed for `stuck_after` (true), or changed again (false).
        case stuck(Bool)
    }

    public var input: String
    public var kind: Kind
    /// When it happened, on the runner's clock (`CLOCK_BOOTTIME` in the daemon):
    /// for a state change, when the new level began, not when the debounce ended.
    public var monotonicNanos: UInt64

    public init(input: String, kind: Kind, monotonicNanos: UInt64) {
        self.input = input
        self.kind = kind
        self.monotonicNanos = monotonicNanos
    }
}
