/// Every statement the store runs more than once, prepared once per
/// connection: preparing costs more than a small insert itself.
final class StoreStatements {
    let begin, commit, rollback: SQLiteStatement
    let insert, deleteSeq, selectRange, oldest, newest: SQLiteStatement
    let seqAtOffset, deleteSamplesRange, deleteOldest, deleteUpTo: SQLiteStatement
    let insertName, insertBoot, setBootOffset, setBootLastMono, setMeta: SQLiteStatement
    let pageCount, freelistCount, checkpoint: SQLiteStatement

    init(_ db: SQLiteConnection) throws {
        begin = try db.prepare("BEGIN IMMEDIATE")
        commit = try db.prepare("COMMIT")
        rollback = try db.prepare("ROLLBACK")
        insert = try db.prepare("INSERT INTO readings(\(StoreSchema.columns)) VALUES(?,?,?,?,?,?,?,?,?,?)")
        deleteSeq = try db.prepare("DELETE FROM readings WHERE seq = ?")
        // Leases walk the primary key by ranges: no scan, no in-memory index.
        selectRange = try db.prepare(
            "SELECT \(StoreSchema.columns) FROM readings WHERE seq >= ?1 AND seq < ?2 ORDER BY seq LIMIT ?3")
        oldest = try db.prepare("SELECT seq, boot, mono FROM readings ORDER BY seq LIMIT ?1")
        newest = try db.prepare("SELECT seq, boot, mono FROM readings ORDER BY seq DESC LIMIT 1")
        seqAtOffset = try db.prepare("SELECT seq FROM readings WHERE seq >= ?1 ORDER BY seq LIMIT 1 OFFSET ?2")
        deleteSamplesRange = try db.prepare("DELETE FROM readings WHERE seq >= ?1 AND seq <= ?2 AND kind != 0")
        deleteOldest = try db.prepare(
            "DELETE FROM readings WHERE seq IN (SELECT seq FROM readings ORDER BY seq LIMIT ?1)")
        deleteUpTo = try db.prepare("DELETE FROM readings WHERE seq <= ?1")
        insertName = try db.prepare("INSERT INTO names(name) VALUES(?)")
        insertBoot = try db.prepare("INSERT INTO boots(hex) VALUES(?)")
        setBootOffset = try db.prepare("UPDATE boots SET wall_offset = ?2 WHERE id = ?1")
        setBootLastMono = try db.prepare("UPDATE boots SET last_mono = ?2 WHERE id = ?1")
        setMeta = try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)")
        pageCount = try db.prepare("PRAGMA page_count")
        freelistCount = try db.prepare("PRAGMA freelist_count")
        checkpoint = try db.prepare("PRAGMA wal_checkpoint(PASSIVE)")
    }
}
