import StationCore

extension StoreEngine {
    /// Evicts committed readings until the used bytes fall to `target`:
    /// samples and status readings oldest-first, then (only when none is
    /// left) occupancy state changes oldest-first. Each step is its own small
    /// transaction and is counted under `reason`. Returns the number evicted.
    @discardableResult
    func evictForSpace(reason: EvictionReason, target: Int) throws -> Int {
        guard db != nil else { return 0 }
        var total = 0
        for _ in 0..<10_000 {
            guard usedBytes() > target, diskCount > 0 else { break }
            let sql = try connection().sql
            var removed = 0
            if sampleCursor < nextSeq {
                // The seq 2048 rows above the cursor bounds one step, however
                // sparse the numbering is.
                sql.seqAtOffset.bind(1, Int64(bitPattern: sampleCursor))
                sql.seqAtOffset.bind(2, Int64(2047))
                let high: UInt64
                if try sql.seqAtOffset.step() {
                    high = UInt64(bitPattern: sql.seqAtOffset.int64(0))
                } else {
                    high = nextSeq
                }
                sql.seqAtOffset.reset()
                try withRecovery("evict samples") {
                    let (db, sql) = try connection()
                    try openTransaction {
                        sql.deleteSamplesRange.bind(1, Int64(bitPattern: self.sampleCursor))
                        sql.deleteSamplesRange.bind(2, Int64(bitPattern: high))
                        try sql.deleteSamplesRange.run()
                        removed = db.changes
                    }
                }
                sampleCursor = high + 1
            } else {
                try withRecovery("evict state changes") {
                    let (db, sql) = try connection()
                    try openTransaction {
                        sql.deleteOldest.bind(1, Int64(512))
                        try sql.deleteOldest.run()
                        removed = db.changes
                    }
                }
                if removed == 0 { break }
            }
            diskCount -= removed
            total += removed
        }
        if total > 0 {
            evicted[reason, default: 0] += UInt64(total)
            countersDirty = true
        }
        return total
    }

    /// Evicts readings older than `maxAgeSeconds`, whatever their kind, by
    /// boot-relative age: a wall clock set back or forward cannot make an
    /// undelivered reading look old.
    func evictByAge(now: ClockSnapshot) throws {
        guard let maxAge = options.maxAgeSeconds, db != nil else { return }
        let limit = UInt64(maxAge) * 1_000_000_000
        while true {
            let sql = try connection().sql
            var expired: UInt64?
            var examined = 0
            sql.oldest.bind(1, Int64(256))
            do {
                defer { sql.oldest.reset() }
                while try sql.oldest.step() {
                    examined += 1
                    let seq = UInt64(bitPattern: sql.oldest.int64(0))
                    let age = ageNanos(bootRow: sql.oldest.int64(1), mono: UInt64(bitPattern: sql.oldest.int64(2)), now: now)
                    guard age > limit else { break }
                    expired = seq
                }
            }
            guard let last = expired else { return }
            var removed = 0
            try withRecovery("evict by age") {
                let (db, sql) = try connection()
                try openTransaction {
                    // Whatever the kind: max age means stale.
                    sql.deleteUpTo.bind(1, Int64(bitPattern: last))
                    try sql.deleteUpTo.run()
                    removed = db.changes
                }
            }
            diskCount -= removed
            evicted[.maxAge, default: 0] += UInt64(removed)
            countersDirty = true
            if examined < 256 || removed == 0 { return }
        }
    }

    /// A lower bound of a reading's age from boot-relative time only. For an
    /// earlier boot: its time from the reading to the boot's last known
    /// moment, plus the current boot's uptime (the downtime in between is
    /// unknown and counted as zero, so readings are never aged too early).
    func ageNanos(bootRow: Int64, mono: UInt64, now: ClockSnapshot) -> UInt64 {
        if bootRow == currentBoot { return now.monotonicNanos > mono ? now.monotonicNanos - mono : 0 }
        let last = boots[bootRow]?.lastMono ?? mono
        return (last > mono ? last - mono : 0) &+ now.monotonicNanos
    }
}
