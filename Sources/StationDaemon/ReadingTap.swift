import StationCore
import StationSystem
import Synchronization

/// Live readings for `stationctl sensors watch`: every reading stored is
/// offered to each watcher's bounded buffer. A watcher that falls behind
/// loses readings from its own view (counted), never the store's.
public final class ReadingTap: Sendable {
    /// One watcher's queue; its thread drains it.
    public final class Watcher: Sendable {
        public static let capacity = 1024
        let wake: WakeSignal
        private let buffer = Mutex<(readings: [Reading], dropped: Int)>(([], 0))

        init() throws { wake = try WakeSignal() }

        func offer(_ readings: [Reading]) {
            buffer.withLock { b in
                let room = max(0, Self.capacity - b.readings.count)
                b.readings.append(contentsOf: readings.prefix(room))
                b.dropped += readings.count - min(room, readings.count)
            }
            wake.fire()
        }

        /// What arrived since the last call, and how many did not fit.
        func take() -> (readings: [Reading], dropped: Int) {
            wake.reset()
            return buffer.withLock { b in
                defer { b = ([], 0) }
                return b
            }
        }
    }

    private let watchers = Mutex<[ObjectIdentifier: Watcher]>([:])

    public init() {}

    func publish(_ readings: [Reading]) {
        let current = watchers.withLock { Array($0.values) }
        for watcher in current { watcher.offer(readings) }
    }

    func add() throws -> Watcher {
        let watcher = try Watcher()
        watchers.withLock { $0[ObjectIdentifier(watcher)] = watcher }
        return watcher
    }

    func remove(_ watcher: Watcher) {
        _ = watchers.withLock { $0.removeValue(forKey: ObjectIdentifier(watcher)) }
    }
}
