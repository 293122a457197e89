#if canImport(Glibc)
import Glibc
#endif
import StationConfig
import StationCore
import StationSystem

/// The daemon's lifecycle: start the services a configuration asks for,
/// tell systemd, reload on SIGHUP, stop on SIGTERM/SIGINT.
public final class Daemon: Sendable {
    /// Builds the services for a configuration, in dependency order.
    public typealias ServiceFactory = @Sendable (LoadedConfiguration, Logger, DaemonState) throws -> [any Service]

    private enum Event: Sendable {
        case signal(Int32)
        /// Time to refresh the STATUS= line.
        case statusTick
        /// A reload asked for over the control socket; `reply` gets the outcome.
        case reloadRequested(@Sendable (ReloadReport) -> Void)
        case serviceExited(generation: Int, name: String, error: String?)
        case watchdog
    }

    private let configPath: String
    private let loader: ConfigLoader
    private let logger: Logger
    private let logLevelOverride: LogLevel?
    private let notifier: SystemdNotifier
    private let makeServices: ServiceFactory
    private let shutdownTimeout: Duration
    /// What the control socket reports.
    public let state: DaemonState

    public init(
        configPath: String, loader: ConfigLoader, logger: Logger, logLevelOverride: LogLevel?,
        notifier: SystemdNotifier = SystemdNotifier(), shutdownTimeout: Duration = .seconds(5),
        state: DaemonState, makeServices: @escaping ServiceFactory
    ) {
        self.state = state
        self.configPath = configPath
        self.loader = loader
        self.logger = logger
        self.logLevelOverride = logLevelOverride
        self.notifier = notifier
        self.shutdownTimeout = shutdownTimeout
        self.makeServices = makeServices
    }

    /// Runs until SIGTERM/SIGINT (returns 0) or until a service fails for good (returns 1).
    public func run(initial: LoadedConfiguration) async -> Int32 {
        let (events, emit) = AsyncStream<Event>.makeStream()
        let signals: SignalMonitor
        do {
            signals = try SignalMonitor([SIGTERM, SIGINT, SIGHUP])
        } catch {
            logger.error("cannot install signal handlers: \(error)")
            return 1
        }
        let forwarder = Task {
            for await number in signals.signals { emit.yield(.signal(number)) }
        }
        defer { forwarder.cancel() }
        var watchdog: Task<Void, Never>?
        if let interval = SystemdNotifier.watchdogPingInterval() {
            logger.info("watchdog armed: pinging every \(interval)")
            watchdog = Task {
                while !Task.isCancelled {
                    emit.yield(.watchdog)
                    try? await Task.sleep(for: interval)
                }
            }
        }
        defer { watchdog?.cancel() }
        let statusTicker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(10))
                emit.yield(.statusTick)
            }
        }
        defer { statusTicker.cancel() }

        var current = initial
        var generation = 0
        applyLogLevel(current)
        guard var group = await startGroup(current, generation: generation, emit: emit) else {
            notify(["STATUS=failed to start; see the log"])
            return 1
        }
        notify(["READY=1", status(current, group)])
        state.setReloader { reply in emit.yield(.reloadRequested(reply)) }
        defer { state.setReloader { reply in reply(ReloadReport(outcome: "refused", configHash: "", messages: ["the daemon is stopping"])) } }

        /// Validate, then restart the services with the new configuration,
        /// rolling back if it fails to start. Nil: not even the previous
        /// configuration could be restarted.
        func reload() async -> ReloadReport? {
            notify(["RELOADING=1", "MONOTONIC_USEC=\(MonotonicClock.nowNanos() / 1000)", "STATUS=reloading"])
            defer { notify(["READY=1", status(current, group)]) }
            let next: LoadedConfiguration
            do {
                next = try loader.load(path: configPath)
            } catch {
                for diagnostic in error.diagnostics { logger.error("\(diagnostic)") }
                logger.error("reload refused: \(configPath) has \(error.diagnostics.count) error(s); keeping the running configuration")
                return ReloadReport(outcome: "refused", configHash: current.hash, messages: error.diagnostics.map(\.description))
            }
            if next.hash == current.hash {
                logger.info("reload: \(configPath) is unchanged (hash \(next.hash))")
                return ReloadReport(outcome: "unchanged", configHash: current.hash, messages: [])
            }
            await group.stop()
            generation += 1
            applyLogLevel(next)
            let failures = MemoryLogHandler()
            if let started = await startGroup(next, generation: generation, emit: emit, failures: failures) {
                logger.info("reloaded: configuration hash \(current.hash) -> \(next.hash)")
                current = next
                group = started
                return ReloadReport(outcome: "applied", configHash: next.hash, messages: [])
            }
            logger.error("the new configuration failed to start; rolling back to hash \(current.hash)")
            applyLogLevel(current)
            guard let restored = await startGroup(current, generation: generation, emit: emit) else { return nil }
            group = restored
            return ReloadReport(outcome: "rolled_back", configHash: current.hash, messages: failures.recorded)
        }

        for await event in events {
            switch event {
            case .watchdog:
                notify(["WATCHDOG=1"])
            case .statusTick:
                notify([status(current, group)])
            case .signal(SIGHUP):
                if await reload() == nil {
                    notify(["STATUS=failed to restart the previous configuration"])
                    return 1
                }
            case .reloadRequested(let reply):
                guard let report = await reload() else {
                    reply(ReloadReport(outcome: "failed", configHash: "", messages: ["the previous configuration failed to restart; the daemon exits"]))
                    notify(["STATUS=failed to restart the previous configuration"])
                    return 1
                }
                reply(report)
            case .signal(let number):
                logger.info("received \(number == SIGINT ? "SIGINT" : "SIGTERM"); shutting down")
                notify(["STOPPING=1", "STATUS=shutting down"])
                await group.stop()
                logger.info("stopped")
                return 0
            case .serviceExited(let gen, let name, let error):
                guard gen == generation else { continue }
                logger.error("\(name) stopped unexpectedly: \(error ?? "returned"); shutting down so that the service manager restarts us")
                notify(["STOPPING=1", "STATUS=\(name) failed: \(error ?? "returned")"])
                await group.stop()
                return 1
            }
        }
        return 1
    }

    /// Builds and prepares the services of `loaded` and starts them; nil
    /// (after logging why, also into `failures`) if any cannot start.
    private func startGroup(
        _ loaded: LoadedConfiguration, generation: Int, emit: AsyncStream<Event>.Continuation, failures: MemoryLogHandler? = nil
    ) async -> ServiceGroup? {
        func fail(_ message: String) -> ServiceGroup? {
            logger.error(message)
            failures?.write(level: .error, label: "stationd", message: message)
            return nil
        }
        let services: [any Service]
        do {
            try FileSystem.createDirectories(loaded.configuration.dataDirectory, permissions: 0o750)
            services = try makeServices(loaded, logger, state)
        } catch {
            return fail("cannot start: \(error)")
        }
        let group = ServiceGroup(services: services, shutdownTimeout: shutdownTimeout, logger: logger)
        do {
            try await group.prepare()
        } catch {
            return fail("cannot start \(error)")
        }
        group.start { name, error in
            emit.yield(.serviceExited(generation: generation, name: name, error: error.map { "\($0)" }))
        }
        let c = loaded.configuration
        logger.info("running station '\(c.station.id)' (board \(c.board ?? "none"), \(services.count) services, config hash \(loaded.hash))")
        return group
    }

    private func applyLogLevel(_ loaded: LoadedConfiguration) {
        logger.threshold.current = logLevelOverride ?? loaded.configuration.logLevel
    }

    /// The one line `systemctl status stationd` shows: who, how much is
    /// queued, how the sensors are.
    private func status(_ loaded: LoadedConfiguration, _ group: ServiceGroup) -> String {
        var text = "STATUS=running station \(loaded.configuration.station.id), config \(loaded.hash)"
        if let queue = state.queueReport() { text += ", \(queue.depth) queued" }
        let sensors = state.sensorReports().filter { $0.model != "gpio" }
        if !sensors.isEmpty {
            text += ", sensors \(sensors.filter { $0.health == "ok" }.count)/\(sensors.count) ok"
        }
        return text
    }

    private func notify(_ fields: [String]) {
        do {
            try notifier.notify(fields)
        } catch {
            logger.warning("sd_notify failed: \(error)")
        }
    }
}
