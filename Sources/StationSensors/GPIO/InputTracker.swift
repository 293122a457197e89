/// The pure state machine of one input: debounce, pulse-to-state rules,
/// glitch counting and stuck detection. Fed with raw levels and times, it
/// touches no clock and no device, so tests drive it with exact times.
public struct InputTracker: Sendable {
    public let options: GPIOInputOptions
    public private(set) var state = OccupancyState.unknown
    /// Level excursions shorter than the debounce (or pulses shorter than the
    /// minimum) that were ignored.
    public private(set) var glitches = 0
    public private(set) var isStuck = false
    /// When the current state began.
    public private(set) var stateSince: UInt64 = 0

    private var raw: Bool?
    private var rawSince: UInt64 = 0
    private var stable: Bool?
    private var pulseStart: UInt64?
    private var holdUntil: UInt64?

    public init(options: GPIOInputOptions) {
        self.options = options
    }

    private var debounce: UInt64 { options.debounce.wholeNanoseconds }

    /// The first level read when the line was opened.
    public mutating func start(active: Bool, at now: UInt64) -> [InputEvent] {
        raw = active
        rawSince = now
        stateSince = now
        return advance(to: now)
    }

    /// The line is gone (or not yet there): state unknown until it is back.
    public mutating func lost(at now: UInt64) -> [InputEvent] {
        raw = nil
        stable = nil
        pulseStart = nil
        holdUntil = nil
        return set(.unknown, at: now)
    }

    /// A raw edge to `active` at `now`.
    public mutating func edge(active: Bool, at now: UInt64) -> [InputEvent] {
        var events = advance(to: now)
        guard raw != active else { return events }
        // Back to the stable level before the debounce ran out: a bounce.
        if raw != nil, raw != stable, active == stable { glitches += 1 }
        raw = active
        rawSince = now
        events += advance(to: now)
        return events
    }

    /// Processes what the passing of time decides: a level held long enough,
    /// a pulse held too long, an arrival's hold ending, an input stuck.
    public mutating func advance(to now: UInt64) -> [InputEvent] {
        var events: [InputEvent] = []
        if let raw, raw != stable, now >= rawSince + debounce {
            stable = raw
            events += settled(raw, at: rawSince)
        }
        if case .pulse(let rules) = options.kind {
            if let start = pulseStart, now >= start + rules.maximum.wholeNanoseconds, state != .unknown {
                events += set(.unknown, at: start + rules.maximum.wholeNanoseconds)
            }
            if let until = holdUntil, now >= until {
                holdUntil = nil
                events += set(.free, at: until)
            }
        }
        if let stuckAfter = options.stuckAfter, !isStuck, state != .unknown,
           now >= stateSince + stuckAfter.wholeNanoseconds {
            isStuck = true
            events.append(InputEvent(input: options.name, kind: .stuck(true), monotonicNanos: now))
        }
        return events
    }

    /// The next time `advance` has something to decide (nil: only an edge can change anything).
    public var nextDeadline: UInt64? {
        var deadlines: [UInt64] = []
        if let raw, raw != stable { deadlines.append(rawSince + debounce) }
        if case .pulse(let rules) = options.kind {
            if let start = pulseStart, state != .unknown { deadlines.append(start + rules.maximum.wholeNanoseconds) }
            if let holdUntil { deadlines.append(holdUntil) }
        }
        if let stuckAfter = options.stuckAfter, !isStuck, state != .unknown { deadlines.append(stateSince + stuckAfter.wholeNanoseconds) }
        return deadlines.min()
    }

    /// A debounced level change at `at`.
    private mutating func settled(_ active: Bool, at: UInt64) -> [InputEvent] {
        switch options.kind {
        case .presence:
            return set(active ? .occupied : .free, at: at)
        case .pulse(let rules):
            if active {
                pulseStart = at
                return []
            }
            guard let start = pulseStart else {
                // Inactive with no pulse seen: an arrival detector is simply idle.
                if case .arrival = rules.meaning, state == .unknown { return set(.free, at: at) }
                return []
            }
            pulseStart = nil
            let length = at - start
            if length < rules.minimum.wholeNanoseconds {
                glitches += 1
                return []
            }
            // A pulse that ran past the maximum already made the state unknown; its end says nothing.
            if length > rules.maximum.wholeNanoseconds { return [] }
            switch rules.meaning {
            case .toggle:
                return set(state == .occupied ? .free : .occupied, at: start)
            case .arrival(let hold):
                holdUntil = at + hold.wholeNanoseconds
                return set(.occupied, at: start)
            }
        }
    }

    private mutating func set(_ new: OccupancyState, at: UInt64) -> [InputEvent] {
        var events: [InputEvent] = []
        if isStuck && new != state {
            isStuck = false
            events.append(InputEvent(input: options.name, kind: .stuck(false), monotonicNanos: at))
        }
        guard new != state else { return events }
        state = new
        stateSince = at
        events.append(InputEvent(input: options.name, kind: .state(new), monotonicNanos: at))
        return events
    }
}
