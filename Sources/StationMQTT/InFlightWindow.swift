/// Messages handed to libmosquitto and not yet acknowledged, by message id:
/// the map from a PUBACK to the leases it confirms.
struct InFlightWindow: Sendable {
    struct Flight: Sendable {
        /// The queue handles the message carries (empty for status/health).
        var handles: [UInt64]
        var isLive: Bool
        var sentNanos: UInt64
    }

    let capacity: Int
    private var flights: [Int32: Flight] = [:]

    init(capacity: Int) {
        self.capacity = capacity
        flights.reserveCapacity(capacity)
    }

    var count: Int { flights.count }
    var room: Int { max(0, capacity - flights.count) }
    var liveCount: Int { flights.values.count(where: \.isLive) }
    /// Backlog batches in flight (status and health carry no handles).
    var batchCount: Int { flights.values.count(where: { !$0.isLive && !$0.handles.isEmpty }) }

    mutating func insert(mid: Int32, _ flight: Flight) {
        flights[mid] = flight
    }

    /// The flight a PUBACK confirms; nil for an id we no longer track.
    mutating func acknowledge(mid: Int32) -> Flight? {
        flights.removeValue(forKey: mid)
    }

    /// Forgets every flight (the link dropped; the queue takes the leases back).
    mutating func removeAll() -> Int {
        defer { flights.removeAll(keepingCapacity: true) }
        return flights.values.reduce(0) { $0 + $1.handles.count }
    }
}

/// A token bucket in readings per second; rate 0 means no limit.
struct RateLimiter: Sendable {
    let rate: Double
    let burst: Double
    private var tokens: Double
    private var lastNanos: UInt64

    init(perSecond rate: Int, burst: Int, nowNanos: UInt64) {
        self.rate = Double(rate)
        self.burst = Double(max(1, burst))
        tokens = Double(max(1, burst))
        lastNanos = nowNanos
    }

    /// Whole tokens available now (Int.max without a limit).
    mutating func available(nowNanos: UInt64) -> Int {
        guard rate > 0 else { return .max }
        if nowNanos > lastNanos {
            tokens = min(burst, tokens + Double(nowNanos - lastNanos) * rate / 1e9)
            lastNanos = nowNanos
        }
        return Int(tokens)
    }

    mutating func consume(_ n: Int) {
        guard rate > 0 else { return }
        tokens -= Double(n)
    }
}
