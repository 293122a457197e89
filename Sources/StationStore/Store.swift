import StationCore
import Synchronization

/// The durable store-and-forward queue: readings in, leased to the uplink,
/// gone only after the broker acknowledged them.
///
/// A final class over a `Mutex` rather than an actor: every operation is a
/// short, synchronous SQLite call, and the callers include libmosquitto's own
/// thread (PUBACKs arrive there), which cannot `await`. One lock around one
/// connection is also exactly the one-writer discipline the design asks for.
public final class Store: Sendable {
    private let engine: Mutex<StoreEngine>
    /// The database file, for messages.
    public let path: String
    public let stationID: String
    /// How often `run()` does its maintenance: a quarter of the commit interval.
    public let tickNanos: UInt64

    private init(engine: sending StoreEngine, path: String, stationID: String, tickNanos: UInt64) {
        self.path = path
        self.stationID = stationID
        self.tickNanos = tickNanos
        self.engine = Mutex(engine)
    }

    /// Opens the store in `options.directory`, creating it when new.
    ///
    /// Throws `.locked` (naming the holder's pid) when another process has
    /// it, `.otherStation` when it belongs to another station id. A database
    /// that fails `PRAGMA quick_check` is moved aside and the store starts
    /// empty with a `.quarantined` alarm.
    public static func open(_ options: StoreOptions) throws -> Store {
        do {
            let engine = try StoreEngine(options: options)
            let path = engine.dbPath
            let tick = engine.tickNanos
            return Store(engine: engine, path: path, stationID: options.stationID, tickNanos: tick)
        } catch let error as SQLiteError {
            throw StoreError(error)
        }
    }

    /// Numbers the readings (ids are final) and queues them. They are in
    /// memory, leasable at once, until the next group commit (at most
    /// `commitIntervalMs` later, when `run()` or `tick()` drives the store).
    @discardableResult
    public func append(_ readings: [Reading]) throws -> [StoredReading] {
        try locked { try $0.append(readings) }
    }

    /// Commits everything in memory now, in one transaction. After it
    /// returns the readings survive a process kill (and, under `.always`, a
    /// power cut).
    public func flush() throws {
        try locked { try $0.commit(force: true) }
    }

    /// Up to `max` readings to send, live ones first, then backlog oldest
    /// first; each is leased until acknowledged or `returnLeases()`.
    public func lease(max: Int) throws -> [StoredReading] {
        try locked { try $0.lease(max: max) }
    }

    /// The broker acknowledged these (PUBACK): they leave the store.
    public func acknowledge(_ ids: [ReadingID]) throws {
        try locked { try $0.acknowledge(ids) }
    }

    /// The uplink disconnected: unacknowledged leases return to the queue.
    public func returnLeases() {
        engine.withLock { $0.returnLeases() }
    }

    /// One round of maintenance: due commits, periodic sync, checkpoint,
    /// age eviction. `run()` calls it every `tickNanos`.
    public func tick() throws {
        try locked { try $0.tick() }
    }

    /// Commits what is in memory and copies the log into the database.
    public func checkpoint() throws {
        try locked { try $0.checkpointNow() }
    }

    public func stats() throws -> StoreStats {
        try locked { try $0.stats() }
    }

    /// Commits what is in memory and closes; later calls throw `.closed`.
    public func close() throws {
        try locked { try $0.close() }
    }

    /// The store's service loop: ticks until cancelled or closed. A fatal
    /// error (`isFatal`) ends it by throwing: the daemon should exit non-zero.
    public func run() async throws {
        while !Task.isCancelled {
            do {
                try await Task.sleep(nanoseconds: tickNanos)
            } catch {
                return  // cancelled
            }
            do {
                try tick()
            } catch let error as StoreError where error.code == .closed {
                return
            }
        }
    }

    private func locked<R: Sendable>(_ body: (StoreEngine) throws -> R) throws -> R {
        try engine.withLock { engine throws(any Error) -> R in
            do {
                return try body(engine)
            } catch let error as SQLiteError {
                throw StoreError(error)
            }
        }
    }

    /// Test seam: runs `body` on the engine under the lock.
    func withEngine<R: Sendable>(_ body: (StoreEngine) throws -> R) rethrows -> R {
        try engine.withLock { engine in try body(engine) }
    }
}
