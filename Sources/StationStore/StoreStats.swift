/// Why readings were given up.
public enum EvictionReason: String, Sendable, Hashable, CaseIterable {
    /// The byte budget (`maxBytes`) was reached.
    case maxBytes = "max_bytes"
    /// Older than `maxAgeSeconds` by boot-relative time.
    case maxAge = "max_age"
    /// SQLite reported the disk (or its page limit) full.
    case diskFull = "disk_full"
    /// A technician emptied the queue (`stationctl queue purge --yes`).
    case purged
}

/// A health problem the store wants a technician to see.
public enum StoreAlarm: Sendable, Hashable, CustomStringConvertible {
    /// Commits fail with a full disk; samples are being evicted to make room.
    case diskFull
    /// The database failed its check at start-up and was moved aside to
    /// `path`; the store started empty.
    case quarantined(path: String)
    /// An I/O error was survived by reopening the database.
    case ioErrorRecovered(detail: String)

    public var description: String {
        switch self {
        case .diskFull: "disk full: evicting samples to keep running"
        case .quarantined(let path): "corrupt store moved aside to \(path); started empty"
        case .ioErrorRecovered(let detail): "I/O error survived by reopening: \(detail)"
        }
    }
}

/// A snapshot of the store for `stationctl status` and the metrics topic.
public struct StoreStats: Sendable, Hashable {
    /// Readings held and not yet acknowledged (committed + in memory).
    public var depth: Int
    /// Of `depth`, readings still in memory waiting for their commit.
    public var uncommitted: Int
    /// Readings handed to the uplink and not yet acknowledged.
    public var leased: Int
    /// Bytes of the database's used pages (what `maxBytes` bounds).
    public var bytes: Int
    /// Age of the oldest held reading by boot-relative time; nil when empty.
    public var oldestAgeNanos: UInt64?
    /// Readings acknowledged by the uplink, over the store's life.
    public var deliveredTotal: UInt64
    /// Readings appended over the store's life.
    public var appendedTotal: UInt64
    public var evicted: [EvictionReason: UInt64]
    /// Appended and delivered readings per second over the last few seconds.
    public var ingestPerSecond: Double
    public var drainPerSecond: Double
    /// Bytes the whole process caused to be written to storage per second,
    /// over the same window (`ProcessIO.bytesWritten`): the SD card's wear
    /// as the kernel counts it. Nil until measured.
    public var writtenPerSecond: Double?
    /// The longest time any reading spent neither committed nor acknowledged
    /// since open (bounded by `commitIntervalMs` plus scheduling delay).
    public var maxUncommittedNanos: UInt64
    /// The longest group commit since open (disk latency, including the
    /// fsync under `.always`): part of the window above.
    public var maxCommitNanos: UInt64
    /// The longest time a committed reading waited for the sync that makes
    /// it survive a power cut, since open: what a power cut would have lost
    /// at worst. 0 under `.always` (every commit is synced); nil under
    /// `.os` (the kernel decides when).
    public var maxUnsyncedNanos: UInt64?
    public var alarms: [StoreAlarm]
}

/// What `Store.open` had to do: a full start-up check (`PRAGMA quick_check`)
/// only when damage was possible, a row count unless the last close saved it.
public struct StoreOpening: Sendable, Hashable, CustomStringConvertible {
    /// The start-up check ran (and passed: a failed one quarantines).
    public var checked: Bool
    /// The rows were counted (the store was not closed cleanly).
    public var counted: Bool
    public var nanos: UInt64

    public var description: String {
        let ms = nanos / 1_000_000
        if checked { return "opened in \(ms) ms; start-up check passed (a new store, or one not closed before a power cut or crash)" }
        if counted { return "opened in \(ms) ms; not closed by the last run of this boot (killed): rows counted, no check needed" }
        return "opened in \(ms) ms after a clean close"
    }
}
