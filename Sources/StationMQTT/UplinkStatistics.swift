/// Counters of an uplink since it started (shown by `stationctl status` and
/// in the health message).
public struct UplinkStatistics: Sendable, Equatable {
    /// Connections the broker accepted.
    public var connects = 0
    /// Failed connection attempts and lost links.
    public var failures = 0
    /// Links dropped because the broker went silent.
    public var silentLinks = 0
    /// Messages handed to libmosquitto and not yet acknowledged, now.
    public var inFlight = 0
    /// Readings put into messages (a resent reading counts again).
    public var readingsSent = 0
    /// Readings sent in live messages.
    public var liveSent = 0
    /// Readings sent in backlog batches.
    public var backlogSent = 0
    /// Backlog batch messages sent.
    public var batchesSent = 0
    /// Readings confirmed by a PUBACK and acknowledged to the queue.
    public var readingsAcknowledged = 0
    /// Leases handed back because the link dropped before their PUBACK.
    public var leasesReturned = 0
    /// Whether the link is up now.
    public var connected = false

    public init() {}
}
