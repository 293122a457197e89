#if canImport(Glibc)
import Glibc
#endif
import StationDaemon

struct SensorsWatchCommand: Command {
    static let name = "watch"
    static let abstract = "Live readings as they are stored, until Ctrl-C."
    static let help = """
        USAGE: stationctl sensors watch [SENSOR...] [--json]

        Prints every reading the running stationd stores, as it stores it:
        time (UTC), sensor, quantity, value and unit. Name sensors (or
        occupancy groups) to see only those. Ctrl-C stops.

        OPTIONS:
          --json   One JSON object per reading (fields in docs/control.md).
        """

    var sensors: [String] = []
    var json = false
    let globals: GlobalOptions

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        self.globals = globals
        for argument in arguments {
            if argument == "--json" {
                json = true
            } else if argument.hasPrefix("-") {
                throw UsageError(description: "unknown option '\(argument)'", help: Self.help)
            } else {
                sensors.append(argument)
            }
        }
    }

    func run() -> Int32 {
        withDaemon(globals) { (client) throws(ControlClient.Failure) in
            var arguments: [String: String] = [:]
            if !sensors.isEmpty { arguments["sensors"] = sensors.joined(separator: ",") }
            try client.stream("sensors.watch", arguments, as: WatchedReading.self) { r in
                if json {
                    printJSON(r)
                } else {
                    let time = r.time.count >= 23 ? String(r.time.dropFirst(11).prefix(12)) : r.time
                    if let missed = r.missed { print("(\(missed) readings not shown: this terminal read too slowly)") }
                    print("\(time)  \(r.sensor.padded(to: 16))\(r.quantity.padded(to: 18))\(Self.number(r.value)) \(r.unit)")
                }
                // Line by line, also into a pipe or a file: a watch ends with Ctrl-C.
                fflush(nil)
            }
            return ExitCode.ok
        }
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String((x * 100).rounded() / 100)
    }
}
