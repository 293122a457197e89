import CSQLite
import Glibc
import StationCore
import StationSystem

/// A reading waiting in memory for its group commit. It can be leased (and
/// acknowledged) before it is ever written.
struct PendingEntry {
    var seq: UInt64
    var reading: Reading
    /// Boot-relative time it entered the store: the start of its
    /// neither-committed-nor-acknowledged window.
    var stagedAt: UInt64
    var leased: Bool
    /// Acknowledged before its commit: dropped, never written.
    var acked: Bool
}

/// A boot the store has readings from.
struct BootInfo {
    var row: Int64
    var id: BootID
    /// Wall time minus boot time, learnt when the clock synchronised in that
    /// boot; nil when it never did (its readings stay untrusted).
    var wallOffset: Int64?
    /// The latest boot-relative time seen from that boot: with it, the age of
    /// an earlier boot's reading has a lower bound without any wall clock.
    var lastMono: UInt64?
}

/// The store's state and all SQLite work. Not thread-safe: `Store` owns one
/// behind a `Mutex` and every call runs under that lock.
final class StoreEngine {
    let options: StoreOptions
    let clock: any ClockSource
    let dbPath: String
    var lock: LockFile?
    var db: SQLiteConnection?
    var sql: StoreStatements?
    var pageSize = StoreSchema.pageSize

    // Interned strings and boots (few: one per configured name, one per boot).
    var nameIDs: [String: Int64] = [:]
    var names: [Int64: String] = [:]
    var boots: [Int64: BootInfo] = [:]
    var bootRows: [BootID: Int64] = [:]
    var currentBoot: Int64 = 0
    /// Interned in the open transaction: forgotten again if it rolls back.
    var txnNames: [String] = []
    var txnBoots: [BootID] = []

    // Sequence numbers: `reservedUntil` is durable in meta before any number
    // below it is handed out, so no restart (even after a power cut) reuses one.
    var nextSeq: UInt64 = 1
    var reservedUntil: UInt64 = 1
    static let reservationBlock: UInt64 = 1 << 20

    var pending: [PendingEntry] = []
    var diskCount = 0
    var leasedOnDisk: Set<UInt64> = []
    /// Acknowledged committed readings, deleted at the next group commit.
    var ackedOnDisk: Set<UInt64> = []
    var oldestAckWaiting: UInt64?

    // Lease cursors (see `lease`): nil `liveStart` means "set at next lease".
    var liveStart: UInt64?
    var liveCursor: UInt64 = 0
    var backlogCursor: UInt64 = 0
    /// Seqs below this hold no samples: eviction resumes here.
    var sampleCursor: UInt64 = 0

    // Counters and health.
    var deliveredTotal: UInt64 = 0
    var appendedTotal: UInt64 = 0
    var evicted: [EvictionReason: UInt64] = [:]
    var countersWrittenAt: UInt64 = 0
    var countersDirty = false
    var maxUncommittedNanos: UInt64 = 0
    var maxCommitNanos: UInt64 = 0
    var maxUnsyncedNanos: UInt64 = 0
    /// Maintenance rounds run: tests wait for the service to be up.
    var maintenanceRounds: UInt64 = 0
    var diskFull = false
    var alarms: [StoreAlarm] = []
    var rates = RateWindow()

    // Sync and checkpoint bookkeeping.
    var lastSync: UInt64 = 0
    var unsyncedCommits = false
    /// When the oldest commit not yet synced began (interval policy): the
    /// start of its power-cut exposure.
    var firstUnsyncedCommitAt: UInt64?
    var commitGeneration: UInt64 = 0
    var lastAgeCheck: UInt64 = 0
    var walCheckpointFrames: Int { (4 << 20) / pageSize }

    /// Set after a fatal error or close: every later call throws it.
    var failure: StoreError?

    /// What the last open had to do: for `Store.opening` and tests.
    var lastOpenRanQuickCheck = true
    var lastOpenCounted = true

    /// Test seam: the next N transactions (outside open) fail at COMMIT as
    /// if fsync returned EIO.
    var injectedCommitFailures = 0
    /// True while `openDatabase` runs: injected failures wait for real work.
    var opening = false
    /// Test seam: the next N periodic log syncs fail as if fdatasync
    /// returned EIO.
    var injectedSyncFailures = 0

    var commitNanos: UInt64 { UInt64(options.commitIntervalMs) * 1_000_000 }
    /// The maintenance tick: a quarter of the commit interval, so a reading is
    /// committed at the first tick after it is `commitNanos - tickNanos` old
    /// and the uncommitted window stays within `commitNanos`.
    var tickNanos: UInt64 { commitNanos / 4 }

    init(options: StoreOptions) throws {
        try options.validate()
        self.options = options
        self.clock = options.clock
        let dir = options.directory.hasSuffix("/") ? String(options.directory.dropLast()) : options.directory
        dbPath = dir + "/store.db"
        try StoreEngine.ensureDirectory(dir)
        lock = try LockFile(path: dir + "/store.lock")
        do {
            try openDatabase()
        } catch let error as SQLiteError where error.isCorrupt {
            try quarantine(reason: error.message)
            try openDatabase()
        }
        let now = clock.now()
        lastSync = now.monotonicNanos
        lastAgeCheck = now.monotonicNanos
        countersWrittenAt = now.monotonicNanos
        rates.start(at: now.monotonicNanos, appended: appendedTotal, delivered: deliveredTotal, written: ProcessIO.bytesWritten())
        try observeClock(now)
    }

    deinit {
        sql = nil
        db?.close()
        lock?.release()
    }

    static func ensureDirectory(_ dir: String) throws {
        var st = stat()
        if stat(dir, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else {
                throw StoreError(.invalidOptions, path: dir, detail: "not a directory")
            }
            return
        }
        guard mkdir(dir, 0o750) == 0 || errno == EEXIST else {
            throw StoreError(.invalidOptions, path: dir, detail: "cannot create the store directory: \(String(cString: strerror(errno)))")
        }
    }

    func ensureUsable() throws {
        if let failure { throw failure }
    }
}

/// Ingest, drain and disk-write rates over the last few seconds.
struct RateWindow {
    var at: UInt64 = 0
    var appended: UInt64 = 0
    var delivered: UInt64 = 0
    var written: UInt64?
    var ingestPerSecond = 0.0
    var drainPerSecond = 0.0
    /// Bytes the process caused to be written per second (`ProcessIO`);
    /// nil until two samples were taken, or without /proc/self/io.
    var writtenPerSecond: Double?

    mutating func start(at now: UInt64, appended: UInt64, delivered: UInt64, written: UInt64?) {
        at = now
        self.appended = appended
        self.delivered = delivered
        self.written = written
    }

    /// Rolls the window every 2 s into moving averages with a 10 s time
    /// constant: sensors report every few seconds, and a bare 2 s window
    /// would show a technician 0/s between their bursts. `written` is read
    /// only when the window rolls (it reads a /proc file).
    mutating func update(now: UInt64, appended: UInt64, delivered: UInt64, written: () -> UInt64?) {
        let elapsed = now &- at
        guard elapsed >= 2_000_000_000 else { return }
        let seconds = Double(elapsed) / 1e9
        let weight = 1 - exp(-seconds / 10)
        ingestPerSecond += weight * (Double(appended &- self.appended) / seconds - ingestPerSecond)
        drainPerSecond += weight * (Double(delivered &- self.delivered) / seconds - drainPerSecond)
        let bytes = written()
        if let bytes, let before = self.written, bytes >= before {
            let rate = Double(bytes - before) / seconds
            writtenPerSecond = writtenPerSecond.map { $0 + weight * (rate - $0) } ?? rate
        }
        start(at: now, appended: appended, delivered: delivered, written: bytes)
    }
}
