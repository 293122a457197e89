/// Builds PMS frames byte-exactly: host commands, and (for the emulator) the
/// sensor's data frames and replies.
public enum PMSEncoder {
    public static func command(_ command: UInt8, data: UInt16) -> [UInt8] {
        let body: [UInt8] = [0x42, 0x4D, command, UInt8(data >> 8), UInt8(truncatingIfNeeded: data)]
        return body + Bytes.bigEndian(body.reduce(UInt16(0)) { $0 &+ UInt16($1) })
    }

    /// Active (frames whenever the sensor likes, ~1/s) or passive (answers reads).
    public static func setActive(_ active: Bool) -> [UInt8] { command(0xE1, data: active ? 1 : 0) }
    /// Ask for one data frame in passive mode.
    public static func passiveRead() -> [UInt8] { command(0xE2, data: 0) }
    /// Sleep (`false`: fan and laser off) or wake.
    public static func setWorking(_ working: Bool) -> [UInt8] { command(0xE4, data: working ? 1 : 0) }

    /// The 32-byte data frame as the sensor sends it.
    public static func measurement(_ m: PMSMeasurement) -> [UInt8] {
        let words = [m.pm1_0CF1, m.pm2_5CF1, m.pm10CF1, m.pm1_0, m.pm2_5, m.pm10] + m.counts.prefix(6) + [0]
        var frame: [UInt8] = [0x42, 0x4D, 0x00, 0x1C]
        for w in words { frame += Bytes.bigEndian(w) }
        return frame + Bytes.bigEndian(frame.reduce(UInt16(0)) { $0 &+ UInt16($1) })
    }

    /// The 8-byte reply to a mode or sleep command.
    public static func reply(command: UInt8, data: UInt8) -> [UInt8] {
        let frame: [UInt8] = [0x42, 0x4D, 0x00, 0x04, command, data]
        return frame + Bytes.bigEndian(frame.reduce(UInt16(0)) { $0 &+ UInt16($1) })
    }
}
