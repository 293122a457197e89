import StationDaemon

struct VersionCommand: Command {
    static let name = "version"
    static let abstract = "Print the version and the C libraries in use."
    static let help = """
        USAGE: stationctl version

        Prints the station node's version and the versions of SQLite,
        libmosquitto and libgpiod it is linked with.
        """

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        if let extra = arguments.first { throw UsageError(description: "unexpected argument '\(extra)'", help: Self.help) }
    }

    func run() -> Int32 {
        print("stationctl \(Versions.summary)")
        return ExitCode.ok
    }
}
