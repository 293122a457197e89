import StationSensors

struct SensorsProbeCommand: Command {
    static let name = "probe"
    static let abstract = "Read a sensor on a serial port once; no daemon needed."
    static let help = """
        USAGE: stationctl sensors probe MODEL PORT [--baud N] [--active]
                                               [--timeout SECONDS]

        Opens PORT (stop stationd first: the port is opened exclusively), sets
        the sensor up as the daemon would, takes one measurement and prints it
        as JSON, like `sensors decode`. No warm-up or preheat is waited for:
        a PM sensor just woken or an MH-Z19B within 3 minutes of power-up
        may read off.

        OPTIONS:
          --baud N            Override the model's baud rate.
          --active            Take a streamed frame instead of querying (SDS011, PMS).
          --timeout SECONDS   How long to wait for each answer (default 2).

        MODEL: \(SerialModel.allCases.map(\.rawValue).joined(separator: ", "))

        EXIT CODES: 0 read, 64 usage, 65 the sensor answered badly (checksum,
        refused command), 69 no port or no answer.
        """

    var options: SerialSensorOptions

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        var positional: [String] = []
        var baud: Int?
        var active = false
        var timeout = 2.0
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--active": active = true
            case "--baud", "--timeout":
                guard let value = rest.popFirst() else { throw UsageError(description: "\(argument) needs a value", help: Self.help) }
                if argument == "--baud" {
                    guard let n = Int(value) else { throw UsageError(description: "--baud '\(value)' is not a number", help: Self.help) }
                    baud = n
                } else {
                    guard let s = Double(value), s > 0, s < 3600 else { throw UsageError(description: "--timeout '\(value)' is not a number of seconds", help: Self.help) }
                    timeout = s
                }
            case _ where argument.hasPrefix("-"):
                throw UsageError(description: "unknown option '\(argument)'", help: Self.help)
            default:
                positional.append(argument)
            }
        }
        guard positional.count == 2 else { throw UsageError(description: "expected MODEL and PORT", help: Self.help) }
        guard let model = SerialModel(rawValue: positional[0]) else {
            throw UsageError(description: "unknown model '\(positional[0])'", help: Self.help)
        }
        options = SerialSensorOptions(model: model, port: positional[1], baud: baud)
        options.mode = active ? .active : .query
        options.replyTimeout = .milliseconds(Int64(timeout * 1000))
    }

    func run() -> Int32 {
        do {
            let values = try SerialSensor.probe(options)
            print(SensorsJSON.readings(model: options.model.rawValue, values))
            return ExitCode.ok
        } catch {
            printError("stationctl: \(options.port): \(error.description) [\(error.reason.rawValue)]")
            switch error.reason {
            case .deviceGone, .timeout: return ExitCode.unavailable
            default: return ExitCode.dataError
            }
        }
    }
}
