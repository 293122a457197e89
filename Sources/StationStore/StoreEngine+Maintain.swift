import StationCore
import StationSystem

extension StoreEngine {
    /// Numbers readings and keeps them in memory until their group commit;
    /// they are leasable at once.
    func append(_ readings: [Reading]) throws -> [StoredReading] {
        try ensureUsable()
        guard !readings.isEmpty else { return [] }
        // SQLite stores NaN as NULL, which the schema refuses: one such value
        // would fail every group commit after it. Refuse the batch here.
        if let bad = readings.first(where: { !$0.value.isFinite }) {
            throw StoreError(
                .invalidReading, path: dbPath,
                detail: "sensor '\(bad.sensor)' \(bad.quantity) value \(bad.value) is not a finite number; batch of \(readings.count) refused")
        }
        let now = clock.now()
        try observeClock(now)
        if nextSeq + UInt64(readings.count) > reservedUntil { try reserve(readings.count) }
        // The window starts when the readings are held, after any reservation
        // (an fsync that can take a while on a busy disk).
        let stagedAt = clock.now().monotonicNanos
        var out: [StoredReading] = []
        out.reserveCapacity(readings.count)
        for reading in readings {
            let seq = nextSeq
            nextSeq += 1
            let fixed = corrected(reading)
            pending.append(PendingEntry(seq: seq, reading: fixed, stagedAt: stagedAt, leased: false, acked: false))
            out.append(StoredReading(id: ReadingID(stationID: options.stationID, bootID: reading.bootID, sequence: seq), reading: fixed))
        }
        appendedTotal += UInt64(readings.count)
        countersDirty = true
        if pending.count >= options.maxPendingReadings { try commit(force: true) }
        return out
    }

    /// Learns the current boot's wall-clock offset the first time the kernel
    /// says the clock is synchronised; from then on, this boot's untrusted
    /// readings are handed out corrected. Written at once (one tiny
    /// transaction per boot) so a restart in the same boot keeps it.
    func observeClock(_ now: ClockSnapshot) throws {
        guard now.synchronized, now.bootID == boots[currentBoot]?.id,
            boots[currentBoot]?.wallOffset == nil
        else { return }
        let offset = now.wallNanos &- Int64(bitPattern: now.monotonicNanos)
        try withRecovery("record clock offset") {
            let sql = try connection().sql
            try openTransaction {
                sql.setBootOffset.bind(1, self.currentBoot)
                sql.setBootOffset.bind(2, offset)
                try sql.setBootOffset.run()
            }
        }
        boots[currentBoot]?.wallOffset = offset
    }

    /// Periodic work, every `tickNanos`: due group commits, checkpoints,
    /// age eviction, rates. (The interval sync is separate: `Store` runs it
    /// outside the lock, on its own thread.)
    func maintain() throws {
        try ensureUsable()
        let now = clock.now()
        maintenanceRounds &+= 1
        try observeClock(now)
        try commit(force: false)
        if now.monotonicNanos &- lastAgeCheck >= 1_000_000_000 {
            lastAgeCheck = now.monotonicNanos
            try evictByAge(now: now)
        }
        rates.update(now: now.monotonicNanos, appended: appendedTotal, delivered: deliveredTotal, written: ProcessIO.bytesWritten)
    }

    func stats() throws -> StoreStats {
        try ensureUsable()
        let now = clock.now()
        rates.update(now: now.monotonicNanos, appended: appendedTotal, delivered: deliveredTotal, written: ProcessIO.bytesWritten)
        var oldest: UInt64?
        if let sql {
            sql.oldest.bind(1, Int64(1))
            if (try? sql.oldest.step()) == true {
                oldest = ageNanos(bootRow: sql.oldest.int64(1), mono: UInt64(bitPattern: sql.oldest.int64(2)), now: now)
            }
            sql.oldest.reset()
        }
        let live = pending.filter { !$0.acked }
        if oldest == nil, let first = live.first {
            oldest = now.monotonicNanos &- first.reading.monotonicNanos
        }
        let leasedPending = live.filter(\.leased).count
        return StoreStats(
            depth: Swift.max(0, diskCount - ackedOnDisk.count) + live.count,
            uncommitted: live.count,
            leased: leasedOnDisk.count + leasedPending,
            bytes: usedBytes(),
            oldestAgeNanos: oldest,
            deliveredTotal: deliveredTotal,
            appendedTotal: appendedTotal,
            evicted: Dictionary(uniqueKeysWithValues: EvictionReason.allCases.map { ($0, evicted[$0] ?? 0) }),
            ingestPerSecond: rates.ingestPerSecond,
            drainPerSecond: rates.drainPerSecond,
            writtenPerSecond: rates.writtenPerSecond,
            maxUncommittedNanos: maxUncommittedNanos,
            maxCommitNanos: maxCommitNanos,
            maxUnsyncedNanos: options.sync == .os ? nil : maxUnsyncedNanos,
            alarms: alarms)
    }

    /// Commits what is in memory, saves the counters, marks the store
    /// cleanly closed (with its row count, so the next open needs no scan),
    /// checkpoints and truncates the log, and releases the lock.
    func close() throws {
        if failure?.code == .closed { return }
        defer {
            sql = nil
            db?.close()
            db = nil
            lock?.release()
            lock = nil
            if failure == nil { failure = StoreError(.closed, path: dbPath, detail: "the store is closed") }
        }
        try ensureUsable()
        try commit(force: true)
        try withRecovery("close") {
            // The connection is looked up inside: a retry runs on a reopened one.
            guard let db else { return }
            try applySynchronous(db, full: true)
            try openTransaction {
                try self.writeCounters()
                try self.setMeta("row_count", String(self.diskCount))
                try self.setMeta("clean_close", "1")
            }
        }
        try db?.exec("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// Copies the log into the database now (the daemon may call it before
    /// a planned shutdown; the benchmark counts its writes).
    func checkpointNow() throws {
        try ensureUsable()
        try commit(force: true)
        try checkpoint()
    }
}
