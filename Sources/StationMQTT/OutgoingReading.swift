import StationCore

/// A reading the queue has leased to the uplink: what to send and how to
/// acknowledge it.
public struct OutgoingReading: Sendable, Hashable {
    /// The store's stable dedupe id, e.g. `station-7:3f2a...:1042`: the same
    /// reading carries the same id however often it is resent, so the
    /// platform can drop duplicates.
    public var id: String
    /// The store's own key for `UplinkQueue.acknowledge` (e.g. its row sequence).
    public var handle: UInt64
    /// The reading, with the wall time as the store holds it now (corrected
    /// after the clock synchronised, if it was taken before).
    public var reading: Reading
    /// Live readings go out one per message as soon as possible; backlog
    /// readings go out in rate-limited batches flagged `historical`.
    public var isLive: Bool

    public init(id: String, handle: UInt64, reading: Reading, isLive: Bool) {
        self.id = id
        self.handle = handle
        self.reading = reading
        self.isLive = isLive
    }

    /// Whether the wall time was corrected or cannot be trusted (the payload's `time_quality`).
    public var timeTrust: TimeTrust { reading.timeTrust }
}

/// Where the uplink takes readings from: the durable store, seen through the
/// lease/acknowledge contract that gives at-least-once delivery.
///
/// Implementation requirements:
/// - Thread-safe: the uplink calls from its network thread and from whichever
///   thread calls `Uplink.readingsAvailable()`; calls never overlap in time
///   (the uplink serialises them), but they do move between threads.
/// - `leaseLive`/`leaseBacklog` return readings not currently leased, oldest
///   first, and mark them leased. Which readings are live is the queue's
///   call: typically those appended since the uplink connected and younger
///   than a few seconds; everything that waited is backlog.
/// - `acknowledge` is called only after the broker's PUBACK for the message
///   that carried the readings; the queue may then forget them for good.
/// - `returnLeases` makes every leased, unacknowledged reading available
///   again (called whenever the link drops); they will be leased and sent
///   again, with the same ids.
/// - Do not call back into the uplink (e.g. `readingsAvailable()`) while
///   holding a lock that these methods take.
public protocol UplinkQueue: Sendable {
    func leaseLive(max: Int) throws -> [OutgoingReading]
    func leaseBacklog(max: Int) throws -> [OutgoingReading]
    func acknowledge(_ handles: [UInt64]) throws
    func returnLeases() throws
}
