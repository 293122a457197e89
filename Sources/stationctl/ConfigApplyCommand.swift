import StationConfig
import StationDaemon
import StationSystem

struct ConfigApplyCommand: Command {
    static let name = "apply"
    static let abstract = "Validate FILE, install it, reload; roll back on failure."
    static let help = """
        USAGE: stationctl config apply FILE

        1. validates FILE (every problem at once; nothing changes if any),
        2. replaces the --config file with it atomically (the old one is kept
           as FILE.previous),
        3. asks the running stationd to reload, and waits for the outcome,
        4. if stationd refuses it or it fails to start (stationd then runs the
           previous configuration again), puts the previous file back.

        EXIT CODES: 0 applied (or unchanged), 1 rolled back, 69 stationd not
        running (nothing changed), 77 permission denied, 78 FILE is invalid.
        """

    var file: String
    let globals: GlobalOptions

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        guard arguments.count == 1, let file = arguments.first, !file.hasPrefix("-") else {
            throw UsageError(description: "config apply takes exactly one FILE", help: Self.help)
        }
        self.file = file
        self.globals = globals
    }

    func run() -> Int32 {
        let loader = ConfigLoader(boardDirectory: BoardDirectory.locate(explicit: globals.boardDirectory))
        let candidate: [UInt8]
        do {
            _ = try loader.load(path: file)
            candidate = try FileSystem.readFile(file)
        } catch let error as ConfigError {
            printError(error.description)
            printError("stationctl: \(file) was not applied: \(error.diagnostics.count) error(s)")
            return ExitCode.config
        } catch {
            printError("stationctl: cannot read \(file): \(error)")
            return ExitCode.config
        }
        let target = globals.configPath
        return withDaemon(globals) { (client) throws(ControlClient.Failure) in
            let previous = try? FileSystem.readFile(target)
            do {
                if let previous { try FileSystem.writeAtomically(target + ".previous", previous, permissions: 0o640) }
                try FileSystem.writeAtomically(target, candidate, permissions: 0o640)
            } catch {
                throw ControlClient.Failure(message: "cannot write \(target): \(error)", exitCode: ExitCode.permission)
            }
            let report = try client.request("reload", as: ReloadReport.self)
            switch report.outcome {
            case "applied", "unchanged":
                print("\(file) applied to \(target): \(report.outcome) (config hash \(report.configHash))")
                return ExitCode.ok
            default:
                for message in report.messages { printError(message) }
                if let previous {
                    try? FileSystem.writeAtomically(target, previous, permissions: 0o640)
                }
                printError("stationctl: stationd did not take \(file) (\(report.outcome.replacingUnderscores)); \(target) is back to the previous file, which stationd is running")
                return ExitCode.failure
            }
        }
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
