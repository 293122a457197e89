import StationSensors

/// The JSON the sensors commands print, written by hand (no Foundation).
enum SensorsJSON {
    /// `{"model": "...", "readings": [{"quantity": ..., "value": ..., "unit": ...}, ...]}`.
    static func readings(model: String, _ values: [SensorValue]) -> String {
        let items = values.map {
            "{\"quantity\": \(string($0.quantity)), \"value\": \(number($0.value)), \"unit\": \(string($0.unit))}"
        }
        return "{\"model\": \(string(model)), \"readings\": [\(items.joined(separator: ", "))]}"
    }

    /// Whole numbers without a fraction (`636`, not `636.0`); others as Swift's shortest form.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
