/// Reconnect delays: exponential, capped, with jitter.
///
/// Attempt `n` (0-based) waits a random time in `[d/2, d]` where
/// `d = min(cap, initial * 2^n)` ("equal jitter"). Half the delay is kept so
/// a failing broker is not hammered; the random half spreads a fleet of
/// stations that lost the same broker at the same moment, so they do not
/// reconnect in lockstep.
public struct Backoff: Sendable, Equatable {
    /// The delay ceiling of the first retry.
    public var initial: Duration
    /// The longest a station ever waits between two attempts.
    public var cap: Duration

    public init(initial: Duration = .milliseconds(250), cap: Duration = .seconds(10)) {
        self.initial = initial
        self.cap = cap
    }

    /// The upper bound of the delay before attempt `attempt` (without jitter).
    public func ceiling(attempt: Int) -> Duration {
        var delay = initial
        for _ in 0..<min(max(attempt, 0), 40) {
            delay *= 2
            if delay >= cap { return cap }
        }
        return min(delay, cap)
    }

    /// The delay before attempt `attempt`, with `random` in `0...1` choosing
    /// where in `[ceiling/2, ceiling]` it falls.
    public func delay(attempt: Int, random: Double) -> Duration {
        let ceiling = ceiling(attempt: attempt)
        let fraction = 0.5 + 0.5 * min(max(random, 0), 1)
        return ceiling * fraction
    }

    /// The delay before attempt `attempt` with a fresh random jitter.
    public func delay(attempt: Int) -> Duration {
        delay(attempt: attempt, random: Double.random(in: 0...1))
    }
}
