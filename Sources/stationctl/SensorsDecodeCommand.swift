import StationSensors

struct SensorsDecodeCommand: Command {
    static let name = "decode"
    static let abstract = "Decode a captured frame given as hex; no daemon needed."
    static let help = """
        USAGE: stationctl sensors decode MODEL HEX...

        Decodes the bytes of a captured reply (as a logic analyser or a
        serial monitor shows them) and prints its readings as JSON:
          {"model": "sds011",
           "readings": [{"quantity": "pm2_5", "value": 123.6, "unit": "ug/m3"}, ...]}
        HEX may be split into several words and may use spaces, ':' or 0x.

        MODEL: \(SerialModel.allCases.map(\.rawValue).joined(separator: ", "))

        EXIT CODES: 0 decoded, 64 usage (unknown model, not hex),
        65 bad frame (checksum, length, no frame, sensor error state).
        """

    var model: SerialModel
    var bytes: [UInt8]

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        guard let first = arguments.first else { throw UsageError(description: "missing MODEL", help: Self.help) }
        guard let model = SerialModel(rawValue: first) else {
            throw UsageError(description: "unknown model '\(first)'", help: Self.help)
        }
        let hex = arguments.dropFirst().joined(separator: " ")
        guard !hex.isEmpty else { throw UsageError(description: "missing HEX", help: Self.help) }
        guard let bytes = Hex.decode(hex) else {
            throw UsageError(description: "'\(hex)' is not hex (pairs of 0-9, A-F)", help: Self.help)
        }
        self.model = model
        self.bytes = bytes
    }

    func run() -> Int32 {
        switch model.decodeCapture(bytes) {
        case .success(let values):
            print(SensorsJSON.readings(model: model.rawValue, values))
            return ExitCode.ok
        case .failure(let error):
            printError("stationctl: \(error.description)")
            return ExitCode.dataError
        }
    }
}
