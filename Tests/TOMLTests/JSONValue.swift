/// A minimal JSON reader for the suite's expected results.
enum JSONValue: Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    struct SyntaxError: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "invalid JSON at byte \(offset)" }
    }

    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        var reader = Reader(bytes: bytes)
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.i == bytes.count else { throw SyntaxError(offset: reader.i) }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        var i = 0

        func peek() -> UInt8 { i < bytes.count ? bytes[i] : 0 }

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }

        mutating func expect(_ b: UInt8) throws(SyntaxError) {
            skipSpace()
            guard peek() == b else { throw SyntaxError(offset: i) }
            i += 1
        }

        mutating func value(depth: Int) throws(SyntaxError) -> JSONValue {
            guard depth < 512 else { throw SyntaxError(offset: i) }
            skipSpace()
            switch peek() {
            case UInt8(ascii: "{"):
                i += 1
                var members: [String: JSONValue] = [:]
                skipSpace()
                if peek() == UInt8(ascii: "}") { i += 1; return .object(members) }
                while true {
                    skipSpace()
                    let key = try string()
                    try expect(UInt8(ascii: ":"))
                    members[key] = try value(depth: depth + 1)
                    skipSpace()
                    if peek() == UInt8(ascii: ",") { i += 1; continue }
                    try expect(UInt8(ascii: "}"))
                    return .object(members)
                }
            case UInt8(ascii: "["):
                i += 1
                var elements: [JSONValue] = []
                skipSpace()
                if peek() == UInt8(ascii: "]") { i += 1; return .array(elements) }
                while true {
                    elements.append(try value(depth: depth + 1))
                    skipSpace()
                    if peek() == UInt8(ascii: ",") { i += 1; continue }
                    try expect(UInt8(ascii: "]"))
                    return .array(elements)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"): try word("true"); return .bool(true)
            case UInt8(ascii: "f"): try word("false"); return .bool(false)
            case UInt8(ascii: "n"): try word("null"); return .null
            default:
                let start = i
                while i < bytes.count, "+-.eE0123456789".utf8.contains(bytes[i]) { i += 1 }
                guard i > start else { throw SyntaxError(offset: i) }
                return .number(String(decoding: bytes[start..<i], as: UTF8.self))
            }
        }

        mutating func word(_ w: String) throws(SyntaxError) {
            for b in w.utf8 {
                guard peek() == b else { throw SyntaxError(offset: i) }
                i += 1
            }
        }

        mutating func string() throws(SyntaxError) -> String {
            guard peek() == UInt8(ascii: "\"") else { throw SyntaxError(offset: i) }
            i += 1
            var out: [UInt8] = []
            var pendingHigh: UInt32? = nil
            while true {
                guard i < bytes.count else { throw SyntaxError(offset: i) }
                let b = bytes[i]
                i += 1
                if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                guard b == UInt8(ascii: "\\") else { out.append(b); continue }
                let e = peek()
                i += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "\""): out.append(e)
                case UInt8(ascii: "u"):
                    guard i + 4 <= bytes.count,
                        let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16)
                    else { throw SyntaxError(offset: i) }
                    i += 4
                    var scalarValue = v
                    if (0xD800...0xDBFF).contains(v) { pendingHigh = v; continue }
                    if (0xDC00...0xDFFF).contains(v), let high = pendingHigh {
                        scalarValue = 0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00)
                    }
                    pendingHigh = nil
                    guard let scalar = Unicode.Scalar(scalarValue) else { throw SyntaxError(offset: i) }
                    out.append(contentsOf: scalar.utf8)
                default:
                    throw SyntaxError(offset: i)
                }
            }
        }
    }
}
