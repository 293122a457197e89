import StationConfig
import StationCore
import StationDaemon
import StationStore
import StationSystem

#if canImport(Glibc)
import Glibc
#endif

let options: StationdOptions
do {
    options = try StationdOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    try? FileDescriptor.standardError.writeAll("stationd: \(error)\n\(StationdOptions.help)\n")
    exit(64)
}
if options.showHelp {
    print(StationdOptions.help)
    exit(0)
}
if options.showVersion {
    print("stationd \(Versions.summary)")
    exit(0)
}

let loader = ConfigLoader(boardDirectory: BoardDirectory.locate(explicit: options.boardDirectory))
let loaded: LoadedConfiguration
do {
    loaded = try loader.load(path: options.configPath)
} catch {
    try? FileDescriptor.standardError.writeAll("\(error)\nstationd: \(options.configPath): \(error.diagnostics.count) error(s)\n")
    exit(ConfigError.exitCode)
}
if options.checkOnly {
    let c = loaded.configuration
    print("\(options.configPath): ok (station \(c.station.id), board \(c.board ?? "none"), \(c.sensors.count) sensors, hash \(loaded.hash))")
    exit(0)
}

let threshold = LogThreshold(options.logLevel ?? loaded.configuration.logLevel)
let logger = Logger(label: "stationd", handler: StderrLogHandler(), threshold: threshold)
logger.info("stationd \(Versions.summary) starting with \(loaded.files.joined(separator: " + "))")
let state: DaemonState
do {
    state = DaemonState(clock: try SystemClock())
} catch {
    logger.error("cannot read the system clock's boot id: \(error)")
    exit(1)
}
let daemon = Daemon(
    configPath: options.configPath, loader: loader, logger: logger, logLevelOverride: options.logLevel,
    state: state, makeServices: Services.make)
exit(await daemon.run(initial: loaded))
