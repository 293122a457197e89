/// A place in a TOML source text: 1-based line and column.
///
/// Columns count Unicode scalars, so a technician's editor and our error
/// messages agree on lines that contain umlauts or `µ`.
public struct TOMLPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: TOMLPosition, b: TOMLPosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// `LINE:COL`.
    public var description: String { "\(line):\(column)" }
}

/// A TOML date, time or date-time, in any of the four TOML 1.0 forms.
///
/// Which fields are present says which form it is: offset date-time (date,
/// time and offset), local date-time (date and time), local date, local time.
public struct TOMLDateTime: Sendable, Hashable {
    public struct Date: Sendable, Hashable {
        public var year: Int
        public var month: Int
        public var day: Int
        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }
    }

    public struct Time: Sendable, Hashable {
        public var hour: Int
        public var minute: Int
        public var second: Int
        public var nanosecond: Int
        public init(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
            self.hour = hour
            self.minute = minute
            self.second = second
            self.nanosecond = nanosecond
        }
    }

    public var date: Date?
    public var time: Time?
    /// Offset from UTC in minutes (`Z` is 0); nil for local forms.
    public var offsetMinutes: Int?

    public init(date: Date?, time: Time?, offsetMinutes: Int?) {
        self.date = date
        self.time = time
        self.offsetMinutes = offsetMinutes
    }
}

/// One decoded TOML value.
public enum TOMLValue: Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case dateTime(TOMLDateTime)
    case array([TOMLNode])
    case table(TOMLTable)

    /// The TOML name of this value's type, as used in error messages
    /// ("expected integer, found string").
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .boolean: return "boolean"
        case .dateTime(let dt):
            switch (dt.date != nil, dt.time != nil, dt.offsetMinutes != nil) {
            case (true, true, true): return "offset date-time"
            case (true, true, false): return "local date-time"
            case (true, false, _): return "local date"
            default: return "local time"
            }
        case .array: return "array"
        case .table: return "table"
        }
    }
}

/// A value together with where it starts in the source.
public struct TOMLNode: Sendable {
    public var value: TOMLValue
    /// Where the value starts (for a table: its `[header]`, the `{` of an
    /// inline table, or the first dotted key that created it).
    public var position: TOMLPosition

    public init(_ value: TOMLValue, at position: TOMLPosition) {
        self.value = value
        self.position = position
    }
}

/// A TOML table: keys in document order, each with the position of the key.
public struct TOMLTable: Sendable {
    /// One key of a table.
    public struct Entry: Sendable {
        public var key: String
        /// Where the key itself is written (for a `[a.b]` header: the `b`).
        public var keyPosition: TOMLPosition
        public var node: TOMLNode

        public init(key: String, keyPosition: TOMLPosition, node: TOMLNode) {
            self.key = key
            self.keyPosition = keyPosition
            self.node = node
        }
    }

    /// The entries in the order their keys first appear in the source.
    public private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]

    public init() {}

    /// A table from entries whose keys are known to be distinct (the
    /// decoder's builder guarantees it); sizes the index once.
    init(distinctEntries: [Entry]) {
        entries = distinctEntries
        index = Dictionary(minimumCapacity: distinctEntries.count)
        for (i, entry) in distinctEntries.enumerated() { index[entry.key] = i }
    }

    /// The node stored under `key`, if any.
    public subscript(key: String) -> TOMLNode? {
        guard let i = index[key] else { return nil }
        return entries[i].node
    }

    /// The entry stored under `key`, if any.
    public func entry(_ key: String) -> Entry? {
        index[key].map { entries[$0] }
    }

    /// Inserts or replaces the entry for `entry.key`; a replaced entry keeps
    /// its place in the order.
    public mutating func set(_ entry: Entry) {
        if let i = index[entry.key] {
            entries[i] = entry
        } else {
            index[entry.key] = entries.count
            entries.append(entry)
        }
    }

    /// Removes `key`, if present.
    public mutating func remove(_ key: String) {
        guard let i = index.removeValue(forKey: key) else { return }
        entries.remove(at: i)
        for j in i..<entries.count { index[entries[j].key] = j }
    }

    public var keys: [String] { entries.map(\.key) }
    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }
}

/// Why a TOML text was refused, and where.
public struct TOMLError: Error, Sendable, CustomStringConvertible {
    public var position: TOMLPosition
    /// A short, specific reason, e.g. "duplicate key 'port' (first defined at 3:1)".
    public var reason: String

    public init(_ reason: String, at position: TOMLPosition) {
        self.reason = reason
        self.position = position
    }

    /// `LINE:COL: error: REASON`.
    public var description: String { "\(position): error: \(reason)" }

    /// `FILE:LINE:COL: error: REASON`, the compiler-style line technicians' editors understand.
    public func diagnostic(file: String) -> String { "\(file):\(description)" }
}
