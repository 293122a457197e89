import StationCore

/// The on-disk layout. Rows are kept small because bytes written per reading
/// wear the SD card: integers for everything, strings interned in `names`,
/// boots interned in `boots`, the sequence as the INTEGER PRIMARY KEY (the
/// rowid itself, so no second b-tree and no index to update on insert).
enum StoreSchema {
    static let version: Int64 = 1

    /// 512-byte pages: a group commit of a few readings writes one small page
    /// to the log instead of a 4 KiB one (measured: bytes written per reading
    /// at 10/s fall by about 3x against 4096). Only applies to a new file.
    static let pageSize = 512

    static let create = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS names(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE IF NOT EXISTS boots(
            id INTEGER PRIMARY KEY, hex TEXT NOT NULL UNIQUE,
            wall_offset INTEGER, last_mono INTEGER);
        CREATE TABLE IF NOT EXISTS readings(
            seq INTEGER PRIMARY KEY, kind INTEGER NOT NULL,
            sensor INTEGER NOT NULL, quantity INTEGER NOT NULL, unit INTEGER NOT NULL,
            value REAL NOT NULL, boot INTEGER NOT NULL, mono INTEGER NOT NULL,
            wall INTEGER NOT NULL, trust INTEGER NOT NULL);
        """

    static let columns = "seq, kind, sensor, quantity, unit, value, boot, mono, wall, trust"

    /// Stored kind codes; 0 is the one eviction spares longest.
    static func code(_ kind: ReadingKind) -> Int64 {
        switch kind {
        case .stateChange: 0
        case .sample: 1
        case .status: 2
        }
    }

    static func kind(_ code: Int64) -> ReadingKind {
        switch code {
        case 0: .stateChange
        case 2: .status
        default: .sample
        }
    }

    static func code(_ trust: TimeTrust) -> Int64 {
        switch trust {
        case .trusted: 0
        case .corrected: 1
        case .untrusted: 2
        }
    }

    static func trust(_ code: Int64) -> TimeTrust {
        switch code {
        case 0: .trusted
        case 1: .corrected
        default: .untrusted
        }
    }
}
