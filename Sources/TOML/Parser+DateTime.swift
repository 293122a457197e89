extension Parser {
    /// An offset date-time, local date-time or local date (RFC 3339 with
    /// TOML's relaxations: `t`/`z` lowercase, a space instead of `T`).
    mutating func parseDateTime() throws(TOMLError) -> TOMLDateTime {
        let start = s.index
        let date = try parseDate(start: start)
        let b = s.peek()
        if b == UInt8(ascii: "T") || b == UInt8(ascii: "t") {
            s.advance()
        } else if b == 0x20, Parser.isDigit(s.peek(1)), Parser.isDigit(s.peek(2)), s.peek(3) == UInt8(ascii: ":") {
            s.advance()
        } else {
            return TOMLDateTime(date: date, time: nil, offsetMinutes: nil)
        }
        let time = try parseTime(start: start)
        var offset: Int? = nil
        switch s.peek() {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            s.advance()
            offset = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = s.peek() == UInt8(ascii: "-") ? -1 : 1
            s.advance()
            guard let hours = readDigits(2), s.peek() == UInt8(ascii: ":") else {
                throw badDateTime(start, "expected a UTC offset like +01:00")
            }
            s.advance()
            guard let minutes = readDigits(2) else { throw badDateTime(start, "expected a UTC offset like +01:00") }
            guard hours <= 23, minutes <= 59 else { throw badDateTime(start, "UTC offset out of range") }
            offset = sign * (hours * 60 + minutes)
        default:
            break
        }
        return TOMLDateTime(date: date, time: time, offsetMinutes: offset)
    }

    /// `HH:MM:SS[.fraction]` on its own.
    mutating func parseLocalTime() throws(TOMLError) -> TOMLDateTime {
        TOMLDateTime(date: nil, time: try parseTime(start: s.index), offsetMinutes: nil)
    }

    private mutating func parseDate(start: Int) throws(TOMLError) -> TOMLDateTime.Date {
        guard let year = readDigits(4), s.peek() == UInt8(ascii: "-") else {
            throw badDateTime(start, "expected YYYY-MM-DD")
        }
        s.advance()
        guard let month = readDigits(2), s.peek() == UInt8(ascii: "-") else {
            throw badDateTime(start, "expected YYYY-MM-DD")
        }
        s.advance()
        guard let day = readDigits(2) else { throw badDateTime(start, "expected YYYY-MM-DD") }
        guard (1...12).contains(month) else { throw badDateTime(start, "month \(month) is out of range") }
        guard day >= 1, day <= Parser.daysIn(month: month, year: year) else {
            throw badDateTime(start, "day \(day) is out of range for the month")
        }
        return TOMLDateTime.Date(year: year, month: month, day: day)
    }

    private mutating func parseTime(start: Int) throws(TOMLError) -> TOMLDateTime.Time {
        guard let hour = readDigits(2), s.peek() == UInt8(ascii: ":") else {
            throw badDateTime(start, "expected a time HH:MM:SS")
        }
        s.advance()
        guard let minute = readDigits(2), s.peek() == UInt8(ascii: ":") else {
            throw badDateTime(start, "expected a time HH:MM:SS (seconds are required)")
        }
        s.advance()
        guard let second = readDigits(2) else { throw badDateTime(start, "expected a time HH:MM:SS") }
        guard hour <= 23 else { throw badDateTime(start, "hour \(hour) is out of range") }
        guard minute <= 59 else { throw badDateTime(start, "minute \(minute) is out of range") }
        // RFC 3339 allows a leap second (60).
        guard second <= 60 else { throw badDateTime(start, "second \(second) is out of range") }
        var nanosecond = 0
        if s.peek() == UInt8(ascii: ".") {
            s.advance()
            guard Parser.isDigit(s.peek()) else { throw badDateTime(start, "expected digits after '.'") }
            var scale = 100_000_000
            while Parser.isDigit(s.peek()) {
                // Precision beyond nanoseconds is truncated, as the spec allows.
                nanosecond += Int(s.peek() - UInt8(ascii: "0")) * scale
                scale /= 10
                s.advance()
            }
        }
        return TOMLDateTime.Time(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }

    /// Exactly `count` ASCII digits at the cursor, consumed; nil (cursor kept) otherwise.
    private mutating func readDigits(_ count: Int) -> Int? {
        var value = 0
        for k in 0..<count {
            let b = s.peek(k)
            guard Parser.isDigit(b) else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        s.advance(count)
        return value
    }

    private mutating func badDateTime(_ start: Int, _ why: String) -> TOMLError {
        var end = start
        while end < s.bytes.count, Parser.isNumberByte(s.bytes[end]) || s.bytes[end] == UInt8(ascii: ":") {
            end += 1
        }
        return TOMLError("invalid date-time '\(s.text(start..<end))': \(why)", at: s.position(at: start))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
