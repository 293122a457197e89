import StationCore

/// When the store asks the kernel to put committed readings on the medium.
///
/// Every policy loses nothing committed when only the process dies (killed,
/// crashed, OOM): a commit is in the write-ahead log in the kernel's page
/// cache before `commit` returns. They differ at a power cut:
public enum SyncPolicy: Sendable, Hashable, CustomStringConvertible {
    /// `synchronous=FULL`: the log is fsynced at every commit. A power cut
    /// loses nothing committed. Costs one fsync per commit.
    case always
    /// `synchronous=NORMAL` plus an `fdatasync` of the log every
    /// `milliseconds` while there are unsynced commits (from the maintenance
    /// tick, so up to a quarter commit interval later). A power cut loses at
    /// most the commits of the last interval plus one tick.
    case interval(milliseconds: Int)
    /// `synchronous=OFF`: the kernel writes back when it likes (ext4: within
    /// about 30 s by default). A power cut can lose that much, and a power cut
    /// during a checkpoint can corrupt the file (then it is quarantined).
    case os

    /// One second: the default.
    public static let `default` = SyncPolicy.interval(milliseconds: 1000)

    public var description: String {
        switch self {
        case .always: "always"
        case .interval(let ms): "interval(\(ms) ms)"
        case .os: "os"
        }
    }
}

/// How a store is opened.
public struct StoreOptions: Sendable {
    /// The directory holding `store.db`, its log and `store.lock`; created
    /// (one level) when missing.
    public var directory: String
    /// The station this store belongs to; a store created by another station
    /// id is refused.
    public var stationID: String
    public var sync: SyncPolicy
    /// Readings stay in memory (leasable at once) for up to this long before
    /// they are committed; a reading the broker acknowledges first is never
    /// written. This bounds the window in which a reading is neither committed
    /// nor acknowledged. Default 200 ms.
    public var commitIntervalMs: Int
    /// The budget for the database's used pages; samples are evicted first.
    public var maxBytes: Int
    /// Readings older than this (boot-relative time, never the wall clock)
    /// are evicted whatever their kind; nil keeps them until `maxBytes`.
    public var maxAgeSeconds: Int?
    /// A commit happens at once when this many readings wait in memory.
    public var maxPendingReadings: Int
    public var clock: any ClockSource
    /// Run `PRAGMA quick_check` at open even when the store was closed
    /// cleanly or only its process died (a technician's explicit check).
    public var verifyOnOpen: Bool

    public init(
        directory: String, stationID: String, clock: any ClockSource,
        sync: SyncPolicy = .default, commitIntervalMs: Int = 200,
        maxBytes: Int = 512 << 20, maxAgeSeconds: Int? = 30 * 86_400,
        maxPendingReadings: Int = 8192, verifyOnOpen: Bool = false
    ) {
        self.verifyOnOpen = verifyOnOpen
        self.directory = directory
        self.stationID = stationID
        self.clock = clock
        self.sync = sync
        self.commitIntervalMs = commitIntervalMs
        self.maxBytes = maxBytes
        self.maxAgeSeconds = maxAgeSeconds
        self.maxPendingReadings = maxPendingReadings
    }

    func validate() throws {
        func bad(_ detail: String) -> StoreError { StoreError(.invalidOptions, path: directory, detail: detail) }
        guard ReadingID.isValidStationID(stationID) else {
            throw bad("station id '\(stationID)' must be 1-64 characters of A-Z a-z 0-9 . _ -")
        }
        guard commitIntervalMs >= 4 else { throw bad("commitIntervalMs must be at least 4, got \(commitIntervalMs)") }
        if case .interval(let ms) = sync, ms < 1 { throw bad("sync interval must be at least 1 ms, got \(ms)") }
        guard maxBytes >= 64 << 10 else { throw bad("maxBytes must be at least 64 KiB, got \(maxBytes)") }
        if let age = maxAgeSeconds, age < 1 { throw bad("maxAgeSeconds must be at least 1, got \(age)") }
        guard maxPendingReadings >= 1 else { throw bad("maxPendingReadings must be at least 1") }
    }
}
