import CSQLite
import Glibc
import StationCore

extension StoreEngine {
    /// Opens (or creates) the database and loads the little state kept in
    /// memory. Throws `SQLiteError` with `isCorrupt` when the file is not a
    /// sound database, so the caller can quarantine it.
    ///
    /// `PRAGMA quick_check` reads every page (about 0.3 s for a million
    /// readings on 512-byte pages), so it runs only when damage is possible:
    /// after the machine went down with the store open (a power cut or a
    /// kernel crash: the store's last open was in another boot and it was
    /// not closed cleanly), after an I/O error, and when asked
    /// (`verifyOnOpen`). A killed or crashed process cannot tear a page: its
    /// writes are in the kernel's page cache, and SQLite's commit is atomic
    /// against process death (the crash test checks exactly that). A clean
    /// close also records the row count, so that open needs no scan at all.
    func openDatabase(initial: Bool = true) throws {
        opening = true
        defer { opening = false }
        sql = nil
        db?.close()
        let db = try SQLiteConnection(path: dbPath)
        self.db = db
        try configure(db)
        let currentBootHex = clock.now().bootID.hex
        // The first read of the file: a garbage file fails here (NOTADB).
        let hasMeta = try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'meta'") ?? 0
        var clean = false
        var sameBoot = false
        var cleanCount: Int?
        if hasMeta > 0 {
            clean = try db.scalarText("SELECT value FROM meta WHERE key = 'clean_close'") == "1"
            sameBoot = try db.scalarText("SELECT value FROM meta WHERE key = 'open_boot'") == currentBootHex
            if clean {
                cleanCount = (try db.scalarText("SELECT value FROM meta WHERE key = 'row_count'")).flatMap { Int($0) }
            }
        }
        let check = !initial || options.verifyOnOpen || hasMeta == 0 || (!clean && !sameBoot)
        if !initial { cleanCount = nil }
        lastOpenRanQuickCheck = check
        lastOpenCounted = cleanCount == nil
        // The scans below read every page once. Through a temporary memory
        // map they take half the time or less (measured on a million
        // readings: quick_check 0.3 -> 0.16 s, count 0.05 -> 0.01 s); the
        // mapped pages are the kernel's page cache, and the map is dropped
        // again before the store is used, so steady-state memory is as
        // without it.
        let scan = check || cleanCount == nil
        if scan { try db.exec("PRAGMA mmap_size=\(1 << 40)") }
        if check {
            let result = try db.scalarText("PRAGMA quick_check") ?? "no result"
            guard result == "ok" else {
                throw SQLiteError(code: SQLITE_CORRUPT, message: "quick_check: \(result)", context: "start-up check", path: dbPath)
            }
        }
        try db.exec(StoreSchema.create)
        pageSize = Int(try db.scalarInt("PRAGMA page_size") ?? Int64(StoreSchema.pageSize))
        let sql = try StoreStatements(db)
        self.sql = sql
        try loadMeta(db, initial: initial)
        try loadNamesAndBoots(db)
        if let cleanCount {
            diskCount = cleanCount
        } else {
            diskCount = Int(try db.scalarInt("SELECT count(*) FROM readings") ?? 0)
        }
        if scan { try db.exec("PRAGMA mmap_size=0") }
        let maxSeq = UInt64(try db.scalarInt("SELECT max(seq) FROM readings") ?? 0)
        nextSeq = max(nextSeq, maxSeq + 1)
        reservedUntil = nextSeq
        try applySynchronous(db, full: true)
        try openTransaction {
            if clean { try self.setMeta("clean_close", "0") }
            if !sameBoot { try self.setMeta("open_boot", currentBootHex) }
            try self.rememberBoots()
        }
        try applySynchronous(db, full: false)
        db.resetFrameCount()
    }

    private func configure(_ db: SQLiteConnection) throws {
        try db.exec("PRAGMA page_size=\(StoreSchema.pageSize)")
        // One process, one connection: EXCLUSIVE locking keeps the WAL index
        // in heap memory, so there is no -shm file whose mmapped pages the
        // kernel would keep writing back to the card.
        try db.exec("PRAGMA locking_mode=EXCLUSIVE")
        let mode = try db.scalarText("PRAGMA journal_mode=WAL")
        guard mode == "wal" else {
            throw SQLiteError(code: SQLITE_ERROR, message: "journal_mode is \(mode ?? "unknown"), not wal", context: "configure", path: dbPath)
        }
        try applySynchronous(db, full: false)
        // A fixed, small page cache: memory must not grow with the backlog.
        try db.exec("PRAGMA cache_size=-1024")
        try db.exec("PRAGMA temp_store=MEMORY")
        // After a checkpoint the log is cut back to this size.
        try db.exec("PRAGMA journal_size_limit=\(8 << 20)")
    }

    /// `full` forces synchronous=FULL for the next commit (the periodic sync
    /// of the interval policy and sequence reservations).
    func applySynchronous(_ db: SQLiteConnection, full: Bool) throws {
        let level: String
        switch options.sync {
        case .always: level = "FULL"
        case .interval: level = full ? "FULL" : "NORMAL"
        case .os: level = full ? "FULL" : "OFF"
        }
        try db.exec("PRAGMA synchronous=\(level)")
    }

    private func loadMeta(_ db: SQLiteConnection, initial: Bool) throws {
        let read = try db.prepare("SELECT key, value FROM meta")
        var meta: [String: String] = [:]
        while try read.step() {
            if let key = read.text(0) { meta[key] = read.text(1) ?? "" }
        }
        read.reset()
        if let version = meta["schema_version"].flatMap({ Int64($0) }), version > StoreSchema.version {
            throw StoreError(.schema, path: dbPath, detail: "schema version \(version) is newer than this build's \(StoreSchema.version)")
        }
        if let owner = meta["station_id"], owner != options.stationID {
            throw StoreError(
                .otherStation, path: dbPath,
                detail: "the store belongs to station '\(owner)', not '\(options.stationID)'; check [station] id or move the store aside")
        }
        if meta["station_id"] == nil {
            try openTransaction {
                try self.setMeta("station_id", self.options.stationID)
                try self.setMeta("schema_version", String(StoreSchema.version))
            }
        }
        nextSeq = max(nextSeq, meta["seq_next"].flatMap { UInt64($0) } ?? 1)
        // A reopen after an I/O error keeps the counters counted since.
        guard initial else { return }
        deliveredTotal = meta["delivered_total"].flatMap { UInt64($0) } ?? 0
        appendedTotal = meta["appended_total"].flatMap { UInt64($0) } ?? 0
        for reason in EvictionReason.allCases {
            evicted[reason] = meta["evicted_\(reason.rawValue)"].flatMap { UInt64($0) } ?? 0
        }
    }

    private func loadNamesAndBoots(_ db: SQLiteConnection) throws {
        nameIDs = [:]
        names = [:]
        let readNames = try db.prepare("SELECT id, name FROM names")
        while try readNames.step() {
            let id = readNames.int64(0)
            let name = readNames.text(1) ?? ""
            nameIDs[name] = id
            names[id] = name
        }
        boots = [:]
        bootRows = [:]
        let readBoots = try db.prepare("SELECT id, hex, wall_offset, last_mono FROM boots")
        while try readBoots.step() {
            let row = readBoots.int64(0)
            let id = BootID(hex: readBoots.text(1) ?? "")
            boots[row] = BootInfo(
                row: row, id: id,
                wallOffset: readBoots.isNull(2) ? nil : readBoots.int64(2),
                lastMono: readBoots.isNull(3) ? nil : UInt64(bitPattern: readBoots.int64(3)))
            bootRows[id] = row
        }
    }

    /// Interns the current boot, and closes the books on the previous one:
    /// the newest reading on disk from another boot is the latest time known
    /// from that boot, the anchor for the age of its readings.
    private func rememberBoots() throws {
        let now = clock.now()
        currentBoot = try internBoot(now.bootID)
        guard let sql else { return }
        defer { sql.newest.reset() }
        guard try sql.newest.step() else { return }
        let row = sql.newest.int64(1)
        let mono = UInt64(bitPattern: sql.newest.int64(2))
        guard row != currentBoot, var info = boots[row], (info.lastMono ?? 0) < mono else { return }
        sql.newest.reset()
        info.lastMono = mono
        sql.setBootLastMono.bind(1, row)
        sql.setBootLastMono.bind(2, Int64(bitPattern: mono))
        try sql.setBootLastMono.run()
        boots[row] = info
    }

    /// Moves a database that failed its check aside as
    /// `store.db.corrupt-<UTC time>` (with its `-wal`), so a technician can
    /// still look at it, and raises an alarm naming it.
    func quarantine(reason: String) throws {
        sql = nil
        db?.close()
        db = nil
        var t = time(nil)
        var tm = Glibc.tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let stamp = "\(tm.tm_year + 1900)\(two(tm.tm_mon + 1))\(two(tm.tm_mday))T\(two(tm.tm_hour))\(two(tm.tm_min))\(two(tm.tm_sec))Z"
        let target = "\(dbPath).corrupt-\(stamp)"
        guard rename(dbPath, target) == 0 else {
            throw StoreError(.sqlite, path: dbPath, detail: "corrupt (\(reason)) and cannot be moved aside to \(target): \(String(cString: strerror(errno)))")
        }
        for suffix in ["-wal", "-shm", "-journal"] where access(dbPath + suffix, F_OK) == 0 {
            _ = rename(dbPath + suffix, target + suffix)
        }
        // Make the renames durable before a new file appears under the old name.
        let dir = String(dbPath[..<(dbPath.lastIndex(of: "/") ?? dbPath.startIndex)])
        let dirFD = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            Glibc.close(dirFD)
        }
        alarms.append(.quarantined(path: target))
    }
}
