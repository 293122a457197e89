import StationCore

/// Durations and sizes as technicians write them (`"30s"`, `"200ms"`, `"512MiB"`).
enum Quantities {
    /// Parses `200ms`, `30s`, `5m`, `2h`, `7d` (a whole or decimal number and a unit).
    static func duration(_ text: String) -> Duration? {
        guard let (number, unit) = split(text) else { return nil }
        let scale: Double
        switch unit {
        case "ms": scale = 1e-3
        case "s": scale = 1
        case "m", "min": scale = 60
        case "h": scale = 3600
        case "d": scale = 86_400
        default: return nil
        }
        let seconds = number * scale
        guard seconds.isFinite, seconds < 1e9 else { return nil }
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// Parses `4096`, `512KB`, `64MiB`, `1.5GB` (decimal units are powers of 1000,
    /// binary units powers of 1024; `B` or no unit is bytes).
    static func size(_ text: String) -> Int64? {
        guard let (number, unit) = split(text) else { return nil }
        let scale: Double
        switch unit {
        case "", "B": scale = 1
        case "KB", "kB": scale = 1e3
        case "MB": scale = 1e6
        case "GB": scale = 1e9
        case "KiB": scale = 1024
        case "MiB": scale = 1_048_576
        case "GiB": scale = 1_073_741_824
        default: return nil
        }
        let bytes = number * scale
        guard bytes.isFinite, bytes < 9e18 else { return nil }
        return Int64(bytes.rounded())
    }

    /// A compact text for a duration: `200ms`, `30s`, `5m`, `2h`, `7d`.
    static func format(_ duration: Duration) -> String {
        let ms = Int64(duration.wholeNanoseconds / 1_000_000)
        for (unit, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
        where ms >= size && ms % size == 0 {
            return "\(ms / size)\(unit)"
        }
        return "\(ms)ms"
    }

    private static func split(_ text: String) -> (Double, String)? {
        let trimmed = text.trimmingSpaces
        var digits = ""
        var rest = Substring(trimmed)
        while let c = rest.first, c.isASCII, c.isNumber || c == "." {
            digits.append(c)
            rest = rest.dropFirst()
        }
        guard !digits.isEmpty, let number = Double(digits), number >= 0 else { return nil }
        return (number, String(rest).trimmingSpaces)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
