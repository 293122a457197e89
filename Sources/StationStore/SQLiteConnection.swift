import CSQLite

/// An error returned by SQLite, with the call's context and the database path.
struct SQLiteError: Error, CustomStringConvertible {
    /// The extended result code (`sqlite3_extended_errcode`).
    let code: Int32
    let message: String
    let context: String
    let path: String

    /// The primary result code: `SQLITE_FULL`, `SQLITE_IOERR`, ...
    var primary: Int32 { code & 0xff }
    var isDiskFull: Bool { primary == SQLITE_FULL }
    /// Errors after which the connection's view of the file cannot be trusted:
    /// the store reopens, and gives up if the error comes back.
    var isIO: Bool { primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_PROTOCOL }
    var isCorrupt: Bool { primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB }

    var description: String { "\(path): \(context): \(message) (SQLite code \(code))" }
}

/// One SQLite connection (`sqlite3*`). Not thread-safe by itself: the store
/// owns exactly one and only touches it under its lock.
final class SQLiteConnection {
    let path: String
    private(set) var handle: OpaquePointer?
    /// Frames in the write-ahead log after the last commit, reported by the WAL
    /// hook; installing the hook also switches SQLite's own auto-checkpoint off,
    /// so checkpoints happen only where the store decides.
    private let walFrames = WALFrameCounter()

    init(path: String) throws {
        self.path = path
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: message, context: "open", path: path)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        let box = Unmanaged.passUnretained(walFrames).toOpaque()
        sqlite3_wal_hook(db, { box, _, _, frames in
            Unmanaged<WALFrameCounter>.fromOpaque(box!).takeUnretainedValue().frames = Int(frames)
            return SQLITE_OK
        }, box)
    }

    deinit { close() }

    var framesInWAL: Int { walFrames.frames }
    func resetFrameCount() { walFrames.frames = 0 }

    func close() {
        guard let db = handle else { return }
        // Statements must be finalized first (their owners do so in deinit);
        // close_v2 defers the close rather than failing if one is left.
        sqlite3_close_v2(db)
        handle = nil
    }

    func error(_ rc: Int32, _ context: String) -> SQLiteError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed"
        let code = handle.map { sqlite3_extended_errcode($0) } ?? rc
        return SQLiteError(code: code == 0 ? rc : code, message: message, context: context, path: path)
    }

    /// Runs SQL that returns no rows we need (DDL, pragmas that set).
    func exec(_ sql: String) throws {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(rc, sql) }
    }

    func prepare(_ sql: String) throws -> SQLiteStatement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc, "prepare \(sql)") }
        return SQLiteStatement(connection: self, stmt: stmt, sql: sql)
    }

    /// The first column of the first row, as text (pragmas that report).
    func scalarText(_ sql: String) throws -> String? {
        let stmt = try prepare(sql)
        guard try stmt.step() else { return nil }
        return stmt.text(0)
    }

    func scalarInt(_ sql: String) throws -> Int64? {
        let stmt = try prepare(sql)
        guard try stmt.step() else { return nil }
        return stmt.isNull(0) ? nil : stmt.int64(0)
    }

    var changes: Int { Int(sqlite3_changes(handle)) }
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var inTransaction: Bool { handle.map { sqlite3_get_autocommit($0) == 0 } ?? false }
}

private final class WALFrameCounter {
    var frames = 0
}

/// A prepared statement (`sqlite3_stmt*`), reused across calls: preparing is
/// a good part of a small insert's cost.
final class SQLiteStatement {
    private unowned let connection: SQLiteConnection
    private let stmt: OpaquePointer
    let sql: String

    init(connection: SQLiteConnection, stmt: OpaquePointer, sql: String) {
        self.connection = connection
        self.stmt = stmt
        self.sql = sql
    }

    deinit { sqlite3_finalize(stmt) }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(stmt, index, value) }
    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(stmt, index, value) }
    func bindNull(_ index: Int32) { sqlite3_bind_null(stmt, index) }
    func bind(_ index: Int32, _ value: String) {
        sqlite3_bind_text(stmt, index, value, -1, CSQLite_transient())
    }

    /// Steps once: true when a row is available, false when done.
    func step() throws -> Bool {
        let rc = sqlite3_step(stmt)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.error(rc, sql)
            sqlite3_reset(stmt)
            throw error
        }
    }

    /// Runs a statement that returns no rows, then makes it reusable.
    func run() throws {
        defer { reset() }
        while try step() {}
    }

    func reset() {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(stmt, column) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(stmt, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(stmt, column) == SQLITE_NULL }
    func text(_ column: Int32) -> String? {
        guard let c = sqlite3_column_text(stmt, column) else { return nil }
        return String(cString: c)
    }
}
