import StationConfig
import StationCore
import StationStore
import Synchronization

/// The durable queue as a service: opened in `prepare()` (so a locked store,
/// another station's store or an unwritable disk stops the start with a clear
/// error), maintained by `run()`, committed and closed on stop.
public final class StoreService: Service {
    public let name = "store"
    private let options: StoreOptions
    private let logger: Logger
    private let opened = Mutex<Store?>(nil)
    private let tap: ReadingTap?
    private let appendListeners = Mutex<[@Sendable () -> Void]>([])

    public init(options: StoreOptions, logger: Logger, tap: ReadingTap? = nil) {
        self.options = options
        self.logger = logger
        self.tap = tap
    }

    /// Calls `listener` after each successful append (the uplink sends at once
    /// instead of at its next poll).
    public func onAppend(_ listener: @escaping @Sendable () -> Void) {
        appendListeners.withLock { $0.append(listener) }
    }

    /// The open store, for the services after this one (nil before `prepare()`).
    public var store: Store? { opened.withLock { $0 } }

    public func prepare() async throws {
        let store = try Store.open(options)
        for alarm in try store.stats().alarms { logger.error("store alarm: \(alarm)") }
        let stats = try store.stats()
        logger.info("store open at \(store.path): \(stats.depth) readings queued, \(stats.bytes) bytes; \(store.opening)")
        opened.withLock { $0 = store }
    }

    public func release() {
        guard let store = opened.withLock({ $0 }) else { return }
        do {
            try store.close()
        } catch {
            logger.error("closing the store: \(error)")
        }
    }

    public func run() async throws {
        guard let store else { return }
        defer {
            do {
                try store.close()
            } catch {
                logger.error("closing the store: \(error)")
            }
        }
        try await store.run()
    }

    /// The store options a configuration asks for.
    public static func options(_ c: StationConfiguration, clock: any ClockSource) -> StoreOptions {
        let sync: SyncPolicy
        switch c.store.sync {
        case .always: sync = .always
        case .os: sync = .os
        case .interval(let d): sync = .interval(milliseconds: Int(d.wholeNanoseconds / 1_000_000))
        }
        return StoreOptions(
            directory: c.dataDirectory, stationID: c.station.id, clock: clock, sync: sync,
            commitIntervalMs: Int(c.store.commitInterval.wholeNanoseconds / 1_000_000), maxBytes: Int(c.store.maxBytes),
            maxAgeSeconds: Int(c.store.maxAge.components.seconds))
    }
}

extension StoreService {
    /// Appends a sensor's readings and shows them to live watchers; a store
    /// failure is logged, not thrown into the sensor's thread (the store
    /// service itself ends the daemon on a fatal error).
    func append(_ readings: [Reading], from sensor: String, logger: Logger) {
        guard let store else { return }
        do {
            try store.append(readings)
            tap?.publish(readings)
            for listener in appendListeners.withLock({ $0 }) { listener() }
        } catch {
            logger.error("\(sensor): \(readings.count) readings not stored: \(error)")
        }
    }
}
