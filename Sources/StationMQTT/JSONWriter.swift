import StationCore

/// Writes JSON into bytes by hand: no Foundation, no intermediate
/// dictionaries, a few hundred nanoseconds per reading.
///
/// Numbers: finite doubles are written in Swift's shortest round-trip form
/// (`12.5`, `1e-05`, `4.0`), which is valid JSON. JSON has no NaN or
/// infinity: a non-finite value is written as `null` (the schema allows
/// `null` for `value` and says it means "the sensor produced no number").
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }

    mutating func withBytes(_ body: (inout [UInt8]) -> Void) {
        body(&bytes)
    }

    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func byte(_ b: UInt8) {
        bytes.append(b)
    }

    /// `"key":` (the key is written as given: callers pass fixed ASCII names).
    public mutating func key(_ name: StaticString) {
        bytes.append(0x22)
        raw(name)
        bytes.append(0x22)
        bytes.append(0x3A)
    }

    /// A JSON string with `"`, `\` and control characters escaped.
    public mutating func string(_ text: String) {
        bytes.append(0x22)
        for b in text.utf8 {
            switch b {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0x08: bytes.append(0x5C); bytes.append(0x62)
            case 0x0C: bytes.append(0x5C); bytes.append(0x66)
            case 0x00..<0x20, 0x7F:
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
                bytes.append(Self.hex[Int(b >> 4)])
                bytes.append(Self.hex[Int(b & 0xF)])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }

    /// A number, or `null` when it is NaN or infinite.
    public mutating func number(_ value: Double) {
        guard value.isFinite else {
            raw("null")
            return
        }
        if value == value.rounded(.towardZero), abs(value) < 1e15 {
            // Integral values (occupancy 0/1, ppm): "1" instead of "1.0".
            integer(Int64(value))
            return
        }
        var text = value.description
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func integer<T: BinaryInteger>(_ value: T) {
        if value < 0 { bytes.append(0x2D) }
        unsigned(UInt64(value.magnitude))
    }

    public mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// An RFC 3339 UTC time with millisecond precision, as a JSON string:
    /// `"2026-11-29T06:12:01.123Z"`.
    public mutating func time(unixNanos: Int64) {
        let t = RFC3339.Fields(unixNanos: unixNanos)
        bytes.append(0x22)
        digits(t.year, 4); bytes.append(0x2D); digits(t.month, 2); bytes.append(0x2D); digits(t.day, 2)
        bytes.append(0x54)
        digits(t.hour, 2); bytes.append(0x3A)
        digits(t.minute, 2); bytes.append(0x3A)
        digits(t.second, 2); bytes.append(0x2E)
        digits(t.nanosecond / 1_000_000, 3)
        bytes.append(0x5A)
        bytes.append(0x22)
    }

    private mutating func unsigned(_ value: UInt64) {
        if value < 10 {
            bytes.append(0x30 + UInt8(value))
            return
        }
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes > 20 digits
        var n = value
        var length = 0
        withUnsafeMutableBytes(of: &buffer) { raw in
            while n > 0 {
                raw[23 - length] = 0x30 + UInt8(n % 10)
                n /= 10
                length += 1
            }
            bytes.append(contentsOf: raw[(24 - length)...])
        }
    }

    private mutating func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = max(0, value)
        if v >= divisor * 10 {
            unsigned(UInt64(v))  // a year beyond 9999: all its digits
            return
        }
        while divisor > 0 {
            bytes.append(0x30 + UInt8(v / divisor))
            v %= divisor
            divisor /= 10
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
