import StationSystem
import Synchronization

extension Store {
    /// Starts `body` on its own detached OS thread.
    ///
    /// The store's maintenance is blocking work (SQLite, fdatasync): on Swift's
    /// cooperative pool it would hold a thread other tasks need, and tasks that
    /// block the pool would delay it past the commit interval (measured: 600 ms
    /// with a busy test run on two cores). A plain thread avoids both.
    static func startThread(_ name: String, _ body: @escaping @Sendable () -> Void) throws {
        do {
            try OSThread.detach(body)
        } catch {
            throw StoreError(.sqlite, path: name, detail: "\(error)")
        }
    }
}

/// A stop request shared between `run()`'s cancellation handler and the
/// maintenance thread.
final class StopFlag: Sendable {
    private let stopped = Mutex(false)
    func stop() { stopped.withLock { $0 = true } }
    var isStopped: Bool { stopped.withLock { $0 } }
}
