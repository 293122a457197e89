import StationConfig

struct ConfigValidateCommand: Command {
    static let name = "validate"
    static let abstract = "Check a configuration file; no daemon needed."
    static let help = """
        USAGE: stationctl config validate [FILE] [--no-file-checks]

        Reads FILE (default: the --config file) and its board's defaults, and
        reports every problem at once, one FILE:LINE:COL line each.

        OPTIONS:
          --no-file-checks   Do not check that TLS and credential files exist
                             and are private (for a file meant for another machine).

        EXIT CODES: 0 valid, 78 invalid or unreadable.
        """

    var file: String
    var checkFiles = true
    var boardDirectory: String?

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        var file: String?
        for argument in arguments {
            switch argument {
            case "--no-file-checks": checkFiles = false
            case _ where argument.hasPrefix("-"):
                throw UsageError(description: "unknown option '\(argument)'", help: Self.help)
            default:
                if file != nil { throw UsageError(description: "only one FILE, got '\(argument)' too", help: Self.help) }
                file = argument
            }
        }
        self.file = file ?? globals.configPath
        boardDirectory = globals.boardDirectory
    }

    func run() -> Int32 {
        let loader = ConfigLoader(boardDirectory: BoardDirectory.locate(explicit: boardDirectory), checkFiles: checkFiles)
        do {
            let loaded = try loader.load(path: file)
            let c = loaded.configuration
            print("\(file): ok (station \(c.station.id), board \(c.board ?? "none"), \(c.sensors.count) sensors, hash \(loaded.hash))")
            return ExitCode.ok
        } catch {
            printError(error.description)
            printError("\(file): \(error.diagnostics.count) error(s)")
            return ExitCode.config
        }
    }
}
