import CSQLite

/// The SQLite library the store runs on.
public enum SQLiteLibrary {
    /// The linked library's version (`sqlite3_libversion`), e.g. `3.40.1`.
    public static var version: String { String(cString: sqlite3_libversion()) }
}
