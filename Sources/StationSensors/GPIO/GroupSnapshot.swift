/// Occupancy counts of one group at one time (what the display shows and the
/// periodic snapshot reading carries).
public struct GroupSnapshot: Sendable, Hashable {
    public var group: String
    public var occupied = 0
    public var free = 0
    public var unknown = 0
    /// Inputs flagged stuck (counted in their state as well).
    public var stuck = 0
    public var monotonicNanos: UInt64

    public init(group: String, occupied: Int = 0, free: Int = 0, unknown: Int = 0, stuck: Int = 0, at monotonicNanos: UInt64) {
        self.occupied = occupied
        self.free = free
        self.unknown = unknown
        self.stuck = stuck
        self.group = group
        self.monotonicNanos = monotonicNanos
    }

    public var total: Int { occupied + free + unknown }

    /// One snapshot per group, groups in name order.
    public static func of(_ trackers: [InputTracker], at now: UInt64) -> [GroupSnapshot] {
        var groups: [String: GroupSnapshot] = [:]
        for tracker in trackers {
            let name = tracker.options.group
            var g = groups[name] ?? GroupSnapshot(group: name, at: now)
            switch tracker.state {
            case .occupied: g.occupied += 1
            case .free: g.free += 1
            case .unknown: g.unknown += 1
            }
            if tracker.isStuck { g.stuck += 1 }
            groups[name] = g
        }
        return groups.keys.sorted().map { groups[$0]! }
    }
}
