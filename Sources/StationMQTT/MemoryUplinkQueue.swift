import StationCore
import Synchronization

/// An `UplinkQueue` in memory, for tests, the simulator and the benchmark:
/// the same contract as the durable store, without the durability.
public final class MemoryUplinkQueue: UplinkQueue {
    private struct State {
        var live: [OutgoingReading] = []
        var liveHead = 0
        var backlog: [OutgoingReading] = []
        var backlogHead = 0
        var leased: [UInt64: OutgoingReading] = [:]
        var nextHandle: UInt64 = 1
        var acknowledged = 0
        var returned = 0
    }

    private let state = Mutex(State())
    /// The prefix of generated ids (`PREFIX:SEQUENCE`).
    public let idPrefix: String

    public init(idPrefix: String = "mem") {
        self.idPrefix = idPrefix
    }

    /// Adds a reading as live (or as backlog) and returns it with its id.
    @discardableResult
    public func append(_ reading: Reading, live: Bool = true) -> OutgoingReading {
        state.withLock { s in
            let handle = s.nextHandle
            s.nextHandle += 1
            let item = OutgoingReading(id: "\(idPrefix):\(handle)", handle: handle, reading: reading, isLive: live)
            if live { s.live.append(item) } else { s.backlog.append(item) }
            return item
        }
    }

    public func leaseLive(max: Int) -> [OutgoingReading] {
        state.withLock { s in Self.take(&s.live, &s.liveHead, max, into: &s.leased) }
    }

    public func leaseBacklog(max: Int) -> [OutgoingReading] {
        state.withLock { s in Self.take(&s.backlog, &s.backlogHead, max, into: &s.leased) }
    }

    public func acknowledge(_ handles: [UInt64]) {
        state.withLock { s in
            for handle in handles where s.leased.removeValue(forKey: handle) != nil {
                s.acknowledged += 1
            }
        }
    }

    public func returnLeases() {
        state.withLock { s in
            let items = s.leased.values.sorted { $0.handle < $1.handle }
            s.leased = [:]
            s.returned += items.count
            let live = items.filter(\.isLive)
            let backlog = items.filter { !$0.isLive }
            s.live = live + s.live[s.liveHead...]
            s.liveHead = 0
            s.backlog = backlog + s.backlog[s.backlogHead...]
            s.backlogHead = 0
        }
    }

    /// Readings neither leased nor acknowledged.
    public var pendingCount: Int {
        state.withLock { $0.live.count - $0.liveHead + $0.backlog.count - $0.backlogHead }
    }

    /// Readings leased and not yet acknowledged.
    public var leasedCount: Int { state.withLock { $0.leased.count } }

    /// Readings acknowledged so far.
    public var acknowledgedCount: Int { state.withLock { $0.acknowledged } }

    /// Leases handed back by `returnLeases` so far.
    public var returnedCount: Int { state.withLock { $0.returned } }

    private static func take(
        _ list: inout [OutgoingReading], _ head: inout Int, _ max: Int, into leased: inout [UInt64: OutgoingReading]
    ) -> [OutgoingReading] {
        let end = min(list.count, head + Swift.max(0, max))
        guard end > head else { return [] }
        let slice = Array(list[head..<end])
        head = end
        for item in slice { leased[item.handle] = item }
        // Drop the consumed front now and then, so memory follows the backlog.
        if head > 4096 && head * 2 > list.count {
            list.removeFirst(head)
            head = 0
        }
        return slice
    }
}
