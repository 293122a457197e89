/// A store failure, naming the file it concerns.
///
/// `isFatal` errors mean the store can no longer promise durability (an I/O
/// or fsync error that came back after a reopen): the daemon logs the
/// description and exits non-zero so systemd restarts it.
public struct StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String {
            case locked, otherStation, schema, io, sqlite, clock, invalidOptions, invalidReading, closed
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Another process holds the store's lock file.
        public static let locked = Code(.locked)
        /// The store was created by a different station id.
        public static let otherStation = Code(.otherStation)
        /// The database has a schema this build does not know.
        public static let schema = Code(.schema)
        /// An I/O or fsync error that persisted after reopening: fatal.
        public static let io = Code(.io)
        /// Any other SQLite failure.
        public static let sqlite = Code(.sqlite)
        /// The clock or boot id could not be read.
        public static let clock = Code(.clock)
        /// The options cannot work (bad station id, zero intervals, ...).
        public static let invalidOptions = Code(.invalidOptions)
        /// A reading the store cannot keep (a value that is not finite).
        public static let invalidReading = Code(.invalidReading)
        /// The store was closed, or stopped after a fatal error.
        public static let closed = Code(.closed)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// The file or directory concerned.
    public let path: String
    public let detail: String

    public init(_ code: Code, path: String, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    public var isFatal: Bool { code == .io || code == .closed }

    public var description: String { "store \(code): \(path): \(detail)" }
}

extension StoreError {
    init(_ error: SQLiteError) {
        self.init(error.isIO ? .io : .sqlite, path: error.path, detail: "\(error.context): \(error.message) (SQLite code \(error.code))")
    }
}
