/// One `stationctl` command, in the shape of swift-argument-parser: its
/// name and help, parsing (which is its validation) and `run()`.
protocol Command {
    /// The word that selects it (`validate` in `stationctl config validate`).
    static var name: String { get }
    /// One line for the parent's command list.
    static var abstract: String { get }
    /// The full `--help` text.
    static var help: String { get }
    /// Parses the arguments after the command's name; throws `UsageError` for anything unexpected.
    init(arguments: [String], globals: GlobalOptions) throws(UsageError)
    /// Runs and returns the exit code.
    func run() -> Int32
}

/// Options accepted before any command.
struct GlobalOptions {
    var configPath = "/etc/stationd/station.toml"
    var socketPath: String?
    var boardDirectory: String?
}

/// A command line that could not be understood (exit 64).
struct UsageError: Error, CustomStringConvertible {
    var description: String
    /// The help text of the command that refused it.
    var help: String
}

/// sysexits codes, documented in `stationctl --help` and docs/stationctl.md.
enum ExitCode {
    static let ok: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let unavailable: Int32 = 69
    static let permission: Int32 = 77
    static let config: Int32 = 78
}

/// Parses the arguments of a command whose only option is `--json`.
func jsonFlag(_ arguments: [String], help: String) throws(UsageError) -> Bool {
    var json = false
    for argument in arguments {
        guard argument == "--json" else { throw UsageError(description: "unexpected argument '\(argument)'", help: help) }
        json = true
    }
    return json
}
