/// CRC-16/MODBUS: init 0xFFFF, reflected polynomial 0xA001, sent low byte first.
public enum ModbusCRC {
    public static func compute<C: Collection<UInt8>>(_ bytes: C) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for b in bytes {
            crc ^= UInt16(b)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1 }
        }
        return crc
    }

    /// `bytes` followed by their CRC, low byte first.
    public static func appending(to bytes: [UInt8]) -> [UInt8] {
        let crc = compute(bytes)
        return bytes + [UInt8(truncatingIfNeeded: crc), UInt8(crc >> 8)]
    }

    static func matches(_ b: [UInt8], length: Int) -> Bool {
        let crc = compute(b[0..<(length - 2)])
        return b[length - 2] == UInt8(truncatingIfNeeded: crc) && b[length - 1] == UInt8(crc >> 8)
    }
}
