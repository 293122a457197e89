import StationConfig
import StationDaemon

struct ConfigShowCommand: Command {
    static let name = "show"
    static let abstract = "The effective configuration, every default written out."
    static let help = """
        USAGE: stationctl config show [--file] [--json]

        Prints what the running stationd uses, as TOML with every default
        written out. With --file (or when stationd is not running) the
        configuration file and its board are read instead. Credentials and
        keys never appear: the configuration only names their files.

        OPTIONS:
          --file   Read the --config file instead of asking the daemon.
          --json   {"hash": ..., "files": [...], "text": ...}.

        EXIT CODES: 0 ok, 78 configuration error (with --file).
        """

    var fromFile = false
    var json = false
    let globals: GlobalOptions

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        self.globals = globals
        for argument in arguments {
            switch argument {
            case "--file": fromFile = true
            case "--json": json = true
            default: throw UsageError(description: "unexpected argument '\(argument)'", help: Self.help)
            }
        }
    }

    func run() -> Int32 {
        var shown: ConfigShow?
        if !fromFile, let client = try? ControlClient.connect(globals) {
            do {
                shown = try client.request("config.show", as: ConfigShow.self)
            } catch {
                printError("stationctl: \(error.message)")
                return error.exitCode
            }
        }
        if shown == nil {
            let loader = ConfigLoader(boardDirectory: BoardDirectory.locate(explicit: globals.boardDirectory), checkFiles: false)
            do {
                let loaded = try loader.load(path: globals.configPath)
                shown = ConfigShow(hash: loaded.hash, files: loaded.files, text: ConfigRenderer.toml(loaded.configuration))
            } catch {
                printError(error.description)
                return ExitCode.config
            }
        }
        guard let shown else { return ExitCode.failure }
        if json {
            printJSON(shown)
        } else {
            print("# \(shown.files.joined(separator: " + ")) (hash \(shown.hash))")
            print(shown.text, terminator: "")
        }
        return ExitCode.ok
    }
}
