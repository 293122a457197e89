/// Byte helpers shared by the decoders and encoders.
enum Bytes {
    static func bigEndian16(_ b: [UInt8], _ at: Int) -> UInt16 {
        UInt16(b[at]) << 8 | UInt16(b[at + 1])
    }

    static func littleEndian16(_ b: [UInt8], _ at: Int) -> UInt16 {
        UInt16(b[at + 1]) << 8 | UInt16(b[at])
    }

    static func bigEndianFloat(_ b: [UInt8], _ at: Int) -> Float {
        let bits = UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
        return Float(bitPattern: bits)
    }

    static func bigEndian(_ value: Float) -> [UInt8] {
        let bits = value.bitPattern
        return [UInt8(bits >> 24), UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 8), UInt8(truncatingIfNeeded: bits)]
    }

    static func bigEndian(_ value: UInt16) -> [UInt8] {
        [UInt8(value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    /// A float32 as the Double it was meant to be: 24.3f becomes 24.3, not
    /// 24.299999237..., so that payloads show what the sensor said.
    static func double(_ f: Float) -> Double {
        guard f.isFinite else { return Double(f) }
        return Double("\(f)") ?? Double(f)
    }

    /// The low 8 bits of the sum of `b[range]`.
    static func sum8<C: Collection<UInt8>>(_ b: C) -> UInt8 {
        var s: UInt8 = 0
        for x in b { s &+= x }
        return s
    }
}

/// Hexadecimal text for frames in tests, logs and the CLI.
public enum Hex {
    /// Parses hex digits, ignoring spaces, `:` and a `0x` prefix per word; nil on anything else.
    public static func decode(_ text: String) -> [UInt8]? {
        var digits: [UInt8] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "\n" || $0 == "\t" }) {
            var w = Substring(word)
            if w.hasPrefix("0x") || w.hasPrefix("0X") { w = w.dropFirst(2) }
            for c in w.utf8 {
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digits.append(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digits.append(c - UInt8(ascii: "A") + 10)
                default: return nil
                }
            }
        }
        guard digits.count % 2 == 0 else { return nil }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    /// Uppercase hex without separators, as in PROTOCOLS.md.
    public static func encode<C: Collection<UInt8>>(_ bytes: C) -> String {
        let table = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(table[Int(b >> 4)])
            out.append(table[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
