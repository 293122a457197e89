import StationCore
import Synchronization

/// Runs services in order and stops them in reverse order.
///
/// The order of `services` states their dependencies: a service may use every
/// service before it, so it is prepared after them and stopped before them.
public final class ServiceGroup: Sendable {
    public let services: [any Service]
    private let shutdownTimeout: Duration
    private let logger: Logger
    private let tasks = Mutex<[Task<Void, Never>]>([])

    public init(services: [any Service], shutdownTimeout: Duration = .seconds(5), logger: Logger) {
        self.services = services
        self.shutdownTimeout = shutdownTimeout
        self.logger = logger
    }

    /// Prepares every service in order. If one fails, those already prepared
    /// are released in reverse order and not run, and the error names the service.
    public func prepare() async throws {
        for (index, service) in services.enumerated() {
            do {
                try await service.prepare()
            } catch {
                for prepared in services[..<index].reversed() { prepared.release() }
                throw ServiceError(service: service.name, underlying: error)
            }
        }
    }

    /// Starts every service's `run()`. `onExit` is called when one ends on its
    /// own (returned or threw) while not being stopped.
    public func start(onExit: @escaping @Sendable (String, (any Error)?) -> Void) {
        tasks.withLock { tasks in
            for service in services {
                tasks.append(Task {
                    do {
                        try await service.run()
                        if !Task.isCancelled { onExit(service.name, nil) }
                    } catch {
                        if !Task.isCancelled { onExit(service.name, error) }
                    }
                })
            }
        }
    }

    /// Stops the services in reverse order, each within the shutdown timeout.
    /// Returns the names of those that did not stop in time.
    @discardableResult
    public func stop() async -> [String] {
        let running = tasks.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks
        }
        var late: [String] = []
        for (service, task) in zip(services, running).reversed() {
            task.cancel()
            if await !finishes(task, within: shutdownTimeout) {
                logger.warning("\(service.name) did not stop within \(shutdownTimeout); going on without it")
                late.append(service.name)
            }
        }
        return late
    }
}

/// A service that could not start.
public struct ServiceError: Error, CustomStringConvertible {
    public var service: String
    public var underlying: any Error
    public var description: String { "\(service): \(underlying)" }
}

/// Whether `task` ends within `timeout`. Awaiting a task's value does not
/// respond to cancellation, so the two waits race on a once-only continuation.
func finishes(_ task: Task<Void, Never>, within timeout: Duration) async -> Bool {
    let resumed = Mutex(false)
    return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
        let resumeOnce: @Sendable (Bool) -> Void = { value in
            let first = resumed.withLock { done in
                defer { done = true }
                return !done
            }
            if first { continuation.resume(returning: value) }
        }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            resumeOnce(false)
        }
        Task {
            await task.value
            timer.cancel()
            resumeOnce(true)
        }
    }
}
