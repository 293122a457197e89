import Glibc
import Synchronization

/// Runs a closure on its own detached OS thread.
///
/// The store's maintenance is blocking work (SQLite, fdatasync): on Swift's
/// cooperative pool it would hold a thread other tasks need, and tasks that
/// block the pool would delay it past the commit interval (measured: 600 ms
/// with a busy test run on two cores). A plain thread avoids both.
/// (A candidate to move into the system layer beside its other threads.)
enum MaintenanceThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Starts `body` on a new detached thread; throws when the kernel refuses.
    static func start(name: String, _ body: @escaping @Sendable () -> Void) throws {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { raw in
            let body = Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue()
            body.run()
            return nil
        }, box)
        guard rc == 0 else {
            Unmanaged<Body>.fromOpaque(box).release()
            throw StoreError(.sqlite, path: name, detail: "pthread_create: \(String(cString: strerror(rc)))")
        }
        pthread_detach(thread)
    }
}

/// A stop request shared between `run()`'s cancellation handler and the
/// maintenance thread.
final class StopFlag: Sendable {
    private let stopped = Mutex(false)
    func stop() { stopped.withLock { $0 = true } }
    var isStopped: Bool { stopped.withLock { $0 } }
}
