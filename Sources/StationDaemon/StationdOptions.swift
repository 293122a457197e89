import StationCore

/// The command line of `stationd`.
public struct StationdOptions: Sendable, Equatable {
    public var configPath = "/etc/stationd/station.toml"
    public var boardDirectory: String?
    public var logLevel: LogLevel?
    public var checkOnly = false
    public var showVersion = false
    public var showHelp = false

    public init() {}

    public static let help = """
        USAGE: stationd [--config FILE] [--board-dir DIR] [--log-level LEVEL] [--check]

        The station node daemon: reads the station's sensors, keeps every reading
        in a durable queue and publishes it to the city data platform.

        OPTIONS:
          --config FILE        Configuration file (default: /etc/stationd/station.toml).
                               For the simulated board: --config board/sim/station.toml
          --board-dir DIR      Folder of board definitions (default: found beside
                               the binary, or $STATIOND_BOARD_DIR).
          --log-level LEVEL    debug, info, warning or error (overrides log_level).
          --check              Validate the configuration and exit: 0 if valid,
                               78 with one FILE:LINE:COL line per problem if not.
          --version            Print the version and the C libraries in use.
          -h, --help           Show this help.

        SIGNALS: SIGHUP reloads the configuration (a broken one is refused and
        the running one kept); SIGTERM or SIGINT stops the daemon.

        EXIT CODES: 0 stopped cleanly, 1 a service failed, 64 usage error,
        78 configuration error.
        """

    /// A command line that could not be understood (exit 64).
    public struct UsageError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses the arguments after the program name.
    public static func parse(_ arguments: [String]) throws(UsageError) -> StationdOptions {
        var options = StationdOptions()
        var rest = arguments[...]
        func value(for flag: String) throws(UsageError) -> String {
            guard let next = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            return next
        }
        while let argument = rest.popFirst() {
            var flag = argument
            if argument.hasPrefix("--"), let eq = argument.firstIndex(of: "=") {
                flag = String(argument[..<eq])
                rest.insert(String(argument[argument.index(after: eq)...]), at: rest.startIndex)
            }
            switch flag {
            case "--config", "-c": options.configPath = try value(for: flag)
            case "--board-dir": options.boardDirectory = try value(for: flag)
            case "--log-level":
                let name = try value(for: flag)
                guard let level = LogLevel(name: name) else {
                    throw UsageError(description: "--log-level: '\(name)' is not one of debug, info, warning, error")
                }
                options.logLevel = level
            case "--check": options.checkOnly = true
            case "--version": options.showVersion = true
            case "--help", "-h": options.showHelp = true
            default: throw UsageError(description: "unknown argument '\(argument)'")
            }
        }
        return options
    }
}
