import TOML

/// Compares a decoded document with the suite's tagged JSON by meaning:
/// floats numerically (nan == nan, sign of zero kept), date-times by field
/// value (`Z` == `+00:00`, `.6` == `.600`), key order ignored.
enum TaggedComparison {
    /// nil when equal, else the path and what differs.
    static func difference(_ expected: JSONValue, _ actual: TOMLValue, path: String = "") -> String? {
        if case .object(let members) = expected, members.count == 2,
            case .string(let type)? = members["type"], case .string(let text)? = members["value"]
        {
            return scalarDifference(type: type, text: text, actual, path: path)
        }
        switch (expected, actual) {
        case (.object(let members), .table(let table)):
            if Set(members.keys) != Set(table.keys) {
                return "\(path): keys \(members.keys.sorted()) expected, found \(table.keys.sorted())"
            }
            for entry in table.entries {
                if let d = difference(members[entry.key]!, entry.node.value, path: path + "." + entry.key) {
                    return d
                }
            }
            return nil
        case (.array(let elements), .array(let nodes)):
            guard elements.count == nodes.count else {
                return "\(path): \(elements.count) elements expected, found \(nodes.count)"
            }
            for (n, (e, node)) in zip(elements, nodes).enumerated() {
                if let d = difference(e, node.value, path: path + "[\(n)]") { return d }
            }
            return nil
        default:
            return "\(path): expected \(expected), found \(actual.typeName)"
        }
    }

    private static func scalarDifference(type: String, text: String, _ actual: TOMLValue, path: String) -> String? {
        let ok: Bool
        switch (type, actual) {
        case ("string", .string(let s)): ok = s == text
        case ("integer", .integer(let i)): ok = Int64(text) == i
        case ("bool", .boolean(let b)): ok = (text == "true") == b && (text == "true" || text == "false")
        case ("float", .float(let d)):
            guard let e = Double(text) else { return "\(path): bad expected float '\(text)'" }
            ok = (e.isNaN && d.isNaN) || (e == d && e.sign == d.sign)
        case ("datetime", .dateTime(let dt)), ("datetime-local", .dateTime(let dt)),
            ("date-local", .dateTime(let dt)), ("time-local", .dateTime(let dt)):
            ok = tag(dt) == type && parseDateTime(text) == dt
        default:
            ok = false
        }
        return ok ? nil : "\(path): expected \(type) '\(text)', found \(actual)"
    }

    private static func tag(_ dt: TOMLDateTime) -> String {
        switch (dt.date != nil, dt.time != nil, dt.offsetMinutes != nil) {
        case (true, true, true): return "datetime"
        case (true, true, false): return "datetime-local"
        case (true, false, _): return "date-local"
        default: return "time-local"
        }
    }

    /// An RFC 3339 reader independent of the decoder under test.
    static func parseDateTime(_ text: String) -> TOMLDateTime? {
        var rest = Substring(text)
        func number(_ count: Int) -> Int? {
            guard rest.count >= count, let v = Int(rest.prefix(count)) else { return nil }
            rest = rest.dropFirst(count)
            return v
        }
        func skip(_ c: Character) -> Bool {
            guard rest.first == c else { return false }
            rest = rest.dropFirst()
            return true
        }
        var date: TOMLDateTime.Date? = nil
        if rest.count >= 10, rest.dropFirst(4).first == "-" {
            guard let y = number(4), skip("-"), let m = number(2), skip("-"), let d = number(2) else { return nil }
            date = .init(year: y, month: m, day: d)
            if rest.isEmpty { return TOMLDateTime(date: date, time: nil, offsetMinutes: nil) }
            guard skip("T") || skip("t") || skip(" ") else { return nil }
        }
        guard let h = number(2), skip(":"), let mi = number(2), skip(":"), let s = number(2) else { return nil }
        var nanos = 0
        if skip(".") {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(digits.count)
            let padded = (String(digits) + "000000000").prefix(9)
            nanos = Int(padded) ?? 0
        }
        var offset: Int? = nil
        if skip("Z") || skip("z") {
            offset = 0
        } else if let sign = rest.first, sign == "+" || sign == "-" {
            rest = rest.dropFirst()
            guard let oh = number(2), skip(":"), let om = number(2) else { return nil }
            offset = (sign == "-" ? -1 : 1) * (oh * 60 + om)
        }
        guard rest.isEmpty else { return nil }
        return TOMLDateTime(date: date, time: .init(hour: h, minute: mi, second: s, nanosecond: nanos), offsetMinutes: offset)
    }
}
