import CSQLite
import Glibc
import StationCore

extension StoreEngine {
    /// Runs `body` in one transaction; on any error rolls back and forgets
    /// names and boots interned inside it.
    func openTransaction(_ body: () throws -> Void) throws {
        guard let sql else { throw StoreError(.closed, path: dbPath, detail: "the store is closed") }
        txnNames = []
        txnBoots = []
        do {
            try sql.begin.run()
            try body()
            if injectedCommitFailures > 0 && !opening {
                injectedCommitFailures -= 1
                // SQLITE_IOERR_FSYNC (a macro Swift cannot import).
                throw SQLiteError(
                    code: SQLITE_IOERR | (4 << 8), message: "disk I/O error (injected fsync failure)",
                    context: "COMMIT", path: dbPath)
            }
            try sql.commit.run()
        } catch {
            if db?.inTransaction == true { try? sql.rollback.run() }
            for name in txnNames {
                if let id = nameIDs.removeValue(forKey: name) { names[id] = nil }
            }
            for boot in txnBoots {
                if let row = bootRows.removeValue(forKey: boot) { boots[row] = nil }
            }
            throw error
        }
    }

    func internName(_ name: String) throws -> Int64 {
        if let id = nameIDs[name] { return id }
        guard let sql, let db else { throw StoreError(.closed, path: dbPath, detail: "the store is closed") }
        sql.insertName.bind(1, name)
        try sql.insertName.run()
        let id = db.lastInsertRowID
        nameIDs[name] = id
        names[id] = name
        txnNames.append(name)
        return id
    }

    func internBoot(_ boot: BootID) throws -> Int64 {
        if let row = bootRows[boot] { return row }
        guard let sql, let db else { throw StoreError(.closed, path: dbPath, detail: "the store is closed") }
        sql.insertBoot.bind(1, boot.hex)
        try sql.insertBoot.run()
        let row = db.lastInsertRowID
        bootRows[boot] = row
        boots[row] = BootInfo(row: row, id: boot, wallOffset: nil, lastMono: nil)
        txnBoots.append(boot)
        return row
    }

    func setMeta(_ key: String, _ value: String) throws {
        guard let sql else { return }
        sql.setMeta.bind(1, key)
        sql.setMeta.bind(2, value)
        try sql.setMeta.run()
    }

    /// Makes sequence numbers up to `nextSeq + count` durable before they are
    /// used, in a fully synced commit whatever the policy: a number reused
    /// after a power cut would make the platform drop a new reading as a
    /// duplicate of an old one.
    func reserve(_ count: Int) throws {
        let bound = nextSeq + max(UInt64(count), StoreEngine.reservationBlock)
        try withRecovery("reserve sequence numbers") {
            // The connection is looked up inside: a retry runs on a reopened one.
            guard let db else { throw StoreError(.closed, path: dbPath, detail: "the store is closed") }
            try applySynchronous(db, full: true)
            defer { try? applySynchronous(db, full: false) }
            try openTransaction { try self.setMeta("seq_next", String(bound)) }
        }
        reservedUntil = bound
    }

    /// Readings due for their commit now: all of them when `force`.
    func dueForCommit(now: UInt64, force: Bool) -> Bool {
        if force { return pending.contains { !$0.acked } || !ackedOnDisk.isEmpty }
        let threshold = commitNanos - tickNanos
        if pending.contains(where: { !$0.acked && now &- $0.stagedAt >= threshold }) { return true }
        if let since = oldestAckWaiting, now &- since >= threshold || ackedOnDisk.count >= 4096 { return true }
        return false
    }

    /// The group commit: writes the readings that are due (and, riding along,
    /// every one not currently leased), deletes acknowledged readings, all in
    /// one transaction. A reading leased and young stays in memory: its
    /// acknowledgement will likely come first and it is never written.
    func commit(force: Bool) throws {
        try ensureUsable()
        let now = clock.now().monotonicNanos
        guard dueForCommit(now: now, force: force) else { return }
        let threshold = commitNanos - tickNanos
        let chosen = pending.indices.filter { i in
            !pending[i].acked && (force || !pending[i].leased || now &- pending[i].stagedAt >= threshold)
        }
        let deletions = ackedOnDisk.sorted()
        let writeCounters = countersDirty && now &- countersWrittenAt >= 60_000_000_000
        var deleted = 0
        var attempts = 0
        while true {
            attempts += 1
            do {
                deleted = 0
                try withRecovery("group commit") {
                    guard let db, let sql else { throw StoreError(.closed, path: dbPath, detail: "the store is closed") }
                    try openTransaction {
                        for i in chosen { try self.insert(self.pending[i], sql) }
                        for seq in deletions {
                            sql.deleteSeq.bind(1, Int64(bitPattern: seq))
                            try sql.deleteSeq.run()
                            deleted += db.changes
                        }
                        if writeCounters { try self.writeCounters() }
                    }
                }
                break
            } catch let error as SQLiteError where error.isDiskFull {
                // Keep running: the readings stay in memory, room is made by
                // evicting samples, and the commit is tried again once.
                if !diskFull { diskFull = true }
                if !alarms.contains(.diskFull) { alarms.append(.diskFull) }
                let freed = (try? evictForSpace(reason: .diskFull, target: usedBytes() * 9 / 10)) ?? 0
                if attempts >= 2 || freed == 0 {
                    capPendingWhileFull()
                    return
                }
            }
        }
        // Committed: the space problem is over once a commit passes first time.
        if attempts == 1 && diskFull {
            diskFull = false
            alarms.removeAll { $0 == .diskFull }
        }
        commitGeneration &+= 1
        if options.sync == .always {
            lastSync = now
        } else {
            unsyncedCommits = true
            // Under `.os` no sync of ours ends the exposure: nothing to time.
            if case .interval = options.sync, firstUnsyncedCommitAt == nil { firstUnsyncedCommitAt = now }
        }
        let after = clock.now().monotonicNanos
        maxCommitNanos = max(maxCommitNanos, after &- now)
        var committed = Set<UInt64>()
        for i in chosen {
            let entry = pending[i]
            committed.insert(entry.seq)
            maxUncommittedNanos = max(maxUncommittedNanos, after &- entry.stagedAt)
            if entry.leased { leasedOnDisk.insert(entry.seq) }
        }
        pending.removeAll { $0.acked || committed.contains($0.seq) }
        diskCount += chosen.count - deleted
        ackedOnDisk.subtract(deletions)
        oldestAckWaiting = ackedOnDisk.isEmpty ? nil : now
        if writeCounters {
            countersDirty = false
            countersWrittenAt = now
        }
        try maintainAfterCommit()
    }

    private func insert(_ entry: PendingEntry, _ sql: StoreStatements) throws {
        let r = entry.reading
        let s = sql.insert
        s.bind(1, Int64(bitPattern: entry.seq))
        s.bind(2, StoreSchema.code(r.kind))
        s.bind(3, try internName(r.sensor))
        s.bind(4, try internName(r.quantity))
        s.bind(5, try internName(r.unit))
        s.bind(6, r.value)
        s.bind(7, try internBoot(r.bootID))
        s.bind(8, Int64(bitPattern: r.monotonicNanos))
        s.bind(9, r.wallNanos)
        s.bind(10, StoreSchema.code(r.timeTrust))
        try s.run()
    }

    func writeCounters() throws {
        try setMeta("delivered_total", String(deliveredTotal))
        try setMeta("appended_total", String(appendedTotal))
        for (reason, count) in evicted { try setMeta("evicted_\(reason.rawValue)", String(count)) }
    }

    /// While commits fail for lack of space the readings wait in memory; past
    /// four times the pending limit the oldest samples there are given up
    /// (counted as `disk_full`) so memory stays bounded too.
    func capPendingWhileFull() {
        let limit = options.maxPendingReadings * 4
        var excess = pending.count - limit
        guard excess > 0 else { return }
        var dropped: UInt64 = 0
        pending.removeAll { entry in
            guard excess > 0, entry.reading.kind != .stateChange, !entry.leased else { return false }
            excess -= 1
            dropped += 1
            return true
        }
        evicted[.diskFull, default: 0] += dropped
        countersDirty = true
    }

    /// The current connection and its statements. Work that `withRecovery`
    /// may retry looks them up inside its closure: a retry runs on a
    /// reopened connection, and the old statements are dead.
    func connection() throws -> (db: SQLiteConnection, sql: StoreStatements) {
        guard let db, let sql else { throw StoreError(.closed, path: dbPath, detail: "the store is closed") }
        return (db, sql)
    }

    /// Runs a SQLite operation; on an I/O error reopens the database once and
    /// retries. A second failure is fatal: the store stops (every later call
    /// throws) and nothing is acknowledged or deleted on its word.
    func withRecovery(_ what: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as SQLiteError where error.isIO {
            do {
                try openDatabase(initial: false)
                try body()
                alarms.append(.ioErrorRecovered(detail: "\(what): \(error.message)"))
            } catch let again as SQLiteError where again.isIO || again.isCorrupt {
                let fatal = StoreError(.io, path: dbPath, detail: "\(what) failed twice, giving up: \(error.message); then \(again.message)")
                failure = fatal
                throw fatal
            }
        }
    }

    /// Checkpoints when the log has grown, and applies the byte budget.
    func maintainAfterCommit() throws {
        if let db, db.framesInWAL >= walCheckpointFrames { try checkpoint() }
        let used = usedBytes()
        if used > options.maxBytes {
            _ = try evictForSpace(reason: .maxBytes, target: options.maxBytes * 9 / 10)
        }
    }

    /// Copies the log into the database. Under NORMAL this fsyncs the log
    /// first and the database after, which is how an idle store gets its
    /// periodic sync.
    func checkpoint() throws {
        guard db != nil else { return }
        try withRecovery("checkpoint") { try self.connection().sql.checkpoint.run() }
        db?.resetFrameCount()
        if options.sync != .os {
            let done = clock.now().monotonicNanos
            lastSync = done
            unsyncedCommits = false
            closeExposure(at: done, startedAt: done, coversAll: true)
        }
    }

    /// The interval policy's periodic sync is due: the log holds commits
    /// not yet synced and the interval has passed since the last sync.
    func logSyncDue(now: UInt64) -> LogSync? {
        guard case .interval(let ms) = options.sync, unsyncedCommits,
            now &- lastSync >= UInt64(ms) * 1_000_000
        else { return nil }
        let inject = injectedSyncFailures > 0
        if inject { injectedSyncFailures -= 1 }
        return LogSync(generation: commitGeneration, startedAt: now, path: dbPath + "-wal", injectFailure: inject)
    }

    /// Everything committed before the sync started is durable now.
    func logSyncDone(_ sync: LogSync) {
        lastSync = sync.startedAt
        let coversAll = commitGeneration == sync.generation
        if coversAll { unsyncedCommits = false }
        closeExposure(at: clock.now().monotonicNanos, startedAt: sync.startedAt, coversAll: coversAll)
    }

    /// A sync that started at `startedAt` has finished at `done`: every
    /// commit before `startedAt` is durable now, and the oldest of them was
    /// exposed to a power cut until `done`. Commits made while it ran stay
    /// exposed; their exposure is counted from `startedAt`, which is no
    /// later than any of them began (an overestimate, never an under-).
    func closeExposure(at done: UInt64, startedAt: UInt64, coversAll: Bool) {
        guard let first = firstUnsyncedCommitAt, first <= startedAt else { return }
        maxUnsyncedNanos = max(maxUnsyncedNanos, done &- first)
        firstUnsyncedCommitAt = coversAll ? nil : startedAt
    }

    /// A failed sync is handled like SQLite's own I/O errors: reopen and
    /// sync once more (under the lock), then give up for good.
    func logSyncFailed(_ sync: LogSync, _ error: SQLiteError) throws {
        try withRecovery("periodic sync") {
            try openDatabase(initial: false)
            if let again = StoreEngine.syncFile(sync.path, injectFailure: injectedSyncFailures > 0) {
                if injectedSyncFailures > 0 { injectedSyncFailures -= 1 }
                let fatal = StoreError(.io, path: dbPath, detail: "fdatasync of the log failed twice, giving up: \(error.message); then \(again.message)")
                failure = fatal
                throw fatal
            }
            alarms.append(.ioErrorRecovered(detail: "periodic sync: \(error.message)"))
        }
        logSyncDone(sync)
    }

    /// `fdatasync` of the log file: makes every commit written so far
    /// durable, as a FULL commit would, without writing anything itself (a
    /// checkpoint would also write database pages). It needs no lock: it
    /// covers whatever was written before it started. Nil when it worked.
    static func syncFile(_ path: String, injectFailure: Bool) -> SQLiteError? {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            // No log file: nothing was written since the last checkpoint.
            if errno == ENOENT { return nil }
            return SQLiteError(code: SQLITE_IOERR, message: String(cString: strerror(errno)), context: "open log for sync", path: path)
        }
        defer { Glibc.close(fd) }
        var rc: Int32
        repeat { rc = fdatasync(fd) } while rc != 0 && errno == EINTR
        guard rc == 0, !injectFailure else {
            let message = rc != 0 ? String(cString: strerror(errno)) : "Input/output error (injected)"
            // SQLITE_IOERR_FSYNC (a macro Swift cannot import).
            return SQLiteError(code: SQLITE_IOERR | (4 << 8), message: message, context: "fdatasync", path: path)
        }
        return nil
    }

    func usedBytes() -> Int {
        guard let sql else { return 0 }
        defer {
            sql.pageCount.reset()
            sql.freelistCount.reset()
        }
        guard (try? sql.pageCount.step()) == true, (try? sql.freelistCount.step()) == true else { return 0 }
        return Int(sql.pageCount.int64(0) - sql.freelistCount.int64(0)) * pageSize
    }
}

/// A periodic log sync, run outside the store's lock so appends and
/// acknowledgements never wait for the disk.
struct LogSync: Sendable {
    /// The commit count when the sync was decided: later commits stay unsynced.
    let generation: UInt64
    let startedAt: UInt64
    let path: String
    let injectFailure: Bool
}
