import Glibc
import StationCore
import StationSystem
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
    /// What opening the store had to do, for the daemon's start-up log.
    public let opening: StoreOpening

    private init(engine: sending StoreEngine, path: String, stationID: String, tickNanos: UInt64, opening: StoreOpening) {
        self.path = path
        self.stationID = stationID
        self.tickNanos = tickNanos
        self.opening = opening
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
            let started = MonotonicClock.nowNanos()
            let engine = try StoreEngine(options: options)
            let opening = StoreOpening(
                checked: engine.lastOpenRanQuickCheck, counted: engine.lastOpenCounted,
                nanos: MonotonicClock.nowNanos() - started)
            let path = engine.dbPath
            let tick = engine.tickNanos
            return Store(engine: engine, path: path, stationID: options.stationID, tickNanos: tick, opening: opening)
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

    /// Up to `max` live readings (taken since the uplink's last (re)connect),
    /// oldest first, each leased like `lease(max:)`.
    public func leaseLive(max: Int) throws -> [StoredReading] {
        try locked { try $0.leaseLive(max: max) }
    }

    /// Up to `max` backlog readings (older than the last (re)connect), oldest first.
    public func leaseBacklog(max: Int) throws -> [StoredReading] {
        try locked { try $0.leaseBacklog(max: max) }
    }

    /// Up to `max` held readings with sequence numbers from `from` on, oldest
    /// first, without leasing them (for `stationctl queue peek` and `export`).
    public func peek(from: UInt64 = 0, max: Int) throws -> [StoredReading] {
        try locked { try $0.peek(from: from, max: max) }
    }

    /// Deletes every held reading (counted as evicted, reason `purged`);
    /// returns how many.
    @discardableResult
    public func purge() throws -> Int {
        try locked { try $0.purge() }
    }

    /// The broker acknowledged these (PUBACK): they leave the store.
    public func acknowledge(_ ids: [ReadingID]) throws {
        try acknowledge(sequences: ids.map(\.sequence))
    }

    /// The same, by sequence number (the uplink's handle of a reading).
    public func acknowledge(sequences: [UInt64]) throws {
        try locked { try $0.acknowledge(sequences: sequences) }
    }

    /// The uplink disconnected: unacknowledged leases return to the queue.
    public func returnLeases() {
        engine.withLock { $0.returnLeases() }
    }

    /// One round of maintenance: due commits, checkpoint, age eviction, and
    /// the periodic sync when due. `run()` does the same on two threads.
    public func tick() throws {
        try maintain()
        try syncIfDue()
    }

    /// Group commits and the rest of the periodic work, under the lock.
    func maintain() throws {
        try locked { try $0.maintain() }
    }

    /// The interval policy's fdatasync of the log when due. It runs after
    /// the lock is released, so appends, acknowledgements and group commits
    /// never wait for the disk's sync.
    func syncIfDue() throws {
        guard let sync = try locked({ engine -> LogSync? in
            try engine.ensureUsable()
            return engine.logSyncDue(now: engine.clock.now().monotonicNanos)
        }) else { return }
        if let error = StoreEngine.syncFile(sync.path, injectFailure: sync.injectFailure) {
            try locked { try $0.logSyncFailed(sync, error) }
        } else {
            engine.withLock { $0.logSyncDone(sync) }
        }
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

    /// The store's service, until the task is cancelled or the store
    /// closed: group commits and maintenance every `tickNanos` on one thread,
    /// the periodic sync on another (a slow fdatasync must not hold up the
    /// commits that bound the never-committed window). A fatal error
    /// (`isFatal`) ends it by throwing: the daemon should exit non-zero.
    public func run() async throws {
        let stop = StopFlag()
        let period = tickNanos
        let outcome = Mutex<(running: Int, error: (any Error)?, resumed: Bool)>((2, nil, false))
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
                // Resumes once: at the first error, or when both threads end.
                @Sendable func finished(_ error: (any Error)?) {
                    let resume = outcome.withLock { state -> Result<Void, any Error>? in
                        state.running -= 1
                        if state.error == nil, let error { state.error = error }
                        guard !state.resumed, state.error != nil || state.running == 0 else { return nil }
                        state.resumed = true
                        return state.error.map { .failure($0) } ?? .success(())
                    }
                    if let resume {
                        stop.stop()
                        done.resume(with: resume)
                    }
                }
                @Sendable func loop(_ work: @escaping @Sendable () throws -> Void) {
                    var next = MonotonicClock.nowNanos()
                    while !stop.isStopped {
                        next += period
                        MonotonicClock.sleep(until: next)
                        if stop.isStopped { break }
                        do {
                            try work()
                        } catch let error as StoreError where error.code == .closed {
                            break
                        } catch {
                            finished(error)
                            return
                        }
                        // After a stall (a slow disk) carry on from now
                        // rather than catching up on missed ticks.
                        let now = MonotonicClock.nowNanos()
                        if now > next + period { next = now }
                    }
                    finished(nil)
                }
                do {
                    try Self.startThread("store-commit") { [self] in loop { try self.maintain() } }
                } catch {
                    finished(error)
                    finished(nil)
                    return
                }
                do {
                    try Self.startThread("store-sync") { [self] in loop { try self.syncIfDue() } }
                } catch {
                    finished(error)
                }
            }
        } onCancel: {
            stop.stop()
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
