/// The toml-test suite's "tagged JSON" form of a document: tables become
/// objects, arrays arrays, and every scalar `{"type": T, "value": "S"}`.
///
/// Used by the `toml-test-decoder` executable and the conformance tests;
/// also a faithful dump of what the decoder understood.
public enum TOMLTaggedJSON {
    /// The document as tagged JSON (compact, keys in document order).
    public static func encode(_ table: TOMLTable) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(table, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ table: TOMLTable, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (n, entry) in table.entries.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            writeString(entry.key, to: &out)
            out.append(UInt8(ascii: ":"))
            write(entry.node.value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func write(_ value: TOMLValue, to out: inout [UInt8]) {
        switch value {
        case .table(let t):
            write(t, to: &out)
        case .array(let nodes):
            out.append(UInt8(ascii: "["))
            for (n, node) in nodes.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                write(node.value, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .string(let s): scalar("string", s, to: &out)
        case .integer(let i): scalar("integer", String(i), to: &out)
        case .float(let d): scalar("float", format(d), to: &out)
        case .boolean(let b): scalar("bool", b ? "true" : "false", to: &out)
        case .dateTime(let dt): scalar(tag(dt), format(dt), to: &out)
        }
    }

    private static func scalar(_ type: String, _ value: String, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"type":"#.utf8)
        writeString(type, to: &out)
        out.append(contentsOf: #","value":"#.utf8)
        writeString(value, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Swift's shortest round-tripping form; `nan`, `inf`, `-inf` as toml-test spells them.
    static func format(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        return d.description
    }

    static func tag(_ dt: TOMLDateTime) -> String {
        switch (dt.date != nil, dt.time != nil, dt.offsetMinutes != nil) {
        case (true, true, true): return "datetime"
        case (true, true, false): return "datetime-local"
        case (true, false, _): return "date-local"
        default: return "time-local"
        }
    }

    /// RFC 3339: `1979-05-27T07:32:00.5-07:00`, the fraction only when non-zero.
    public static func format(_ dt: TOMLDateTime) -> String {
        var s = ""
        if let d = dt.date {
            s += pad(d.year, 4) + "-" + pad(d.month, 2) + "-" + pad(d.day, 2)
            if dt.time != nil { s += "T" }
        }
        if let t = dt.time {
            s += pad(t.hour, 2) + ":" + pad(t.minute, 2) + ":" + pad(t.second, 2)
            if t.nanosecond != 0 {
                var fraction = pad(t.nanosecond, 9)
                while fraction.hasSuffix("0") { fraction.removeLast() }
                s += "." + fraction
            }
        }
        if let offset = dt.offsetMinutes {
            if offset == 0 {
                s += "Z"
            } else {
                s += (offset < 0 ? "-" : "+") + pad(abs(offset) / 60, 2) + ":" + pad(abs(offset) % 60, 2)
            }
        }
        return s
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x00..<0x20, 0x7F:
                out.append(contentsOf: #"\u"#.utf8)
                out.append(contentsOf: Scanner.hex(UInt32(b), width: 4).utf8)
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
