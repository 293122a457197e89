/// RFC 3339 timestamps, hand-formatted: the ICU-backed formatters cost ~60 MB
/// of RSS on a board that has a few.
public enum RFC3339 {
    /// `2026-11-29T06:12:01.123Z` for nanoseconds since the Unix epoch, UTC,
    /// with `fractionDigits` (0...9) digits of the second.
    public static func format(unixNanos: Int64, fractionDigits: Int = 3) -> String {
        let t = Fields(unixNanos: unixNanos)
        var out = pad(t.year, 4) + "-" + pad(t.month, 2) + "-" + pad(t.day, 2)
        out += "T" + pad(t.hour, 2) + ":" + pad(t.minute, 2) + ":" + pad(t.second, 2)
        let digits = max(0, min(9, fractionDigits))
        if digits > 0 {
            var divisor = 1
            for _ in 0..<(9 - digits) { divisor *= 10 }
            out += "." + pad(t.nanosecond / divisor, digits)
        }
        return out + "Z"
    }

    /// A UTC time taken apart: what `format` writes, for writers that build
    /// the text themselves (the uplink's JSON writer, without a String).
    public struct Fields: Sendable, Equatable {
        public var year, month, day, hour, minute, second, nanosecond: Int

        /// `unixNanos` nanoseconds since the Unix epoch; times before it
        /// round down, as a clock would.
        public init(unixNanos: Int64) {
            let (seconds, nanos) = RFC3339.floorDivide(unixNanos, 1_000_000_000)
            let (days, secondOfDay) = RFC3339.floorDivide(seconds, 86_400)
            (year, month, day) = RFC3339.civilDate(daysSinceEpoch: days)
            hour = Int(secondOfDay / 3600)
            minute = Int(secondOfDay / 60 % 60)
            second = Int(secondOfDay % 60)
            nanosecond = Int(nanos)
        }
    }

    /// Parses `2026-11-29T06:12:01Z`, with optional fractional seconds and a
    /// `+HH:MM`/`-HH:MM` offset instead of `Z`, into nanoseconds since the
    /// Unix epoch; nil if it is not such a time.
    public static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for c in b[from..<(from + count)] {
                guard c >= 0x30, c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74, b[13] == 0x3A, b[16] == 0x3A,
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        var nanos: Int64 = 0
        if i < b.count, b[i] == 0x2E {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                if digits < 9 { nanos = nanos * 10 + Int64(b[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            if digits < 9 { for _ in digits..<9 { nanos *= 10 } }
        }
        var offsetSeconds = 0
        guard i < b.count else { return nil }
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D, b.count == i + 6, b[i + 3] == 0x3A, let oh = number(i + 1, 2), let om = number(i + 4, 2) {
            offsetSeconds = (oh * 3600 + om * 60) * (b[i] == 0x2B ? 1 : -1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        // Nanoseconds in 64 bits reach the years 1677 to 2262.
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, carry) = whole.addingReportingOverflow(nanos)
        return overflow || carry ? nil : total
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The inverse of `daysSinceEpoch`.
    public static func civilDate(daysSinceEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        var q = a / b
        var r = a % b
        if r < 0 {
            q -= 1
            r += b
        }
        return (q, r)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
