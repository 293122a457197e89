import StationConfig
import StationDaemon
import StationMQTT

struct MQTTTestCommand: Command {
    static let name = "test"
    static let abstract = "Round trip to the configured broker; names the failing step."
    static let help = """
        USAGE: stationctl mqtt test [--timeout SECONDS]

        Reads the --config file and tries, in order: name resolution, TCP,
        TLS (certificate, host name), authentication, subscribe, publish
        (QoS 1) and the round trip of one message on
        PREFIX/STATION/test/PID. Stops at the first step that fails and says
        why. Uses its own client id, so a running stationd is not disturbed.
        No daemon needed.

        EXIT CODES: 0 every step passed, 1 a step failed, 78 configuration error.
        """

    var timeout = 10.0
    let globals: GlobalOptions

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        self.globals = globals
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard argument == "--timeout", let value = rest.popFirst().flatMap(Double.init), value > 0, value <= 120 else {
                throw UsageError(description: "unexpected argument '\(argument)'", help: Self.help)
            }
            timeout = value
        }
    }

    func run() -> Int32 {
        let loader = ConfigLoader(boardDirectory: BoardDirectory.locate(explicit: globals.boardDirectory))
        let loaded: LoadedConfiguration
        do {
            loaded = try loader.load(path: globals.configPath)
        } catch {
            printError(error.description)
            return ExitCode.config
        }
        let steps = MQTTProbe.run(UplinkOptions(loaded.configuration), timeout: timeout)
        for step in steps {
            print("\(step.ok ? "ok  " : "FAIL") \(step.name.padded(to: 16))\(step.detail) (\(step.milliseconds) ms)")
        }
        return steps.allSatisfy(\.ok) ? ExitCode.ok : ExitCode.failure
    }
}
