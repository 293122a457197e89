/// Builds SDS011 frames byte-exactly: host commands, and (for the emulator)
/// the sensor's own frames.
public enum SDS011Encoder {
    /// Every device (`FFFF`).
    public static let anyDevice: UInt16 = 0xFFFF

    /// `AA B4` + 13 data bytes (the command, then its arguments) + id + CS + `AB`.
    public static func command(_ data: [UInt8], deviceID: UInt16 = anyDevice) -> [UInt8] {
        var body = Array(data.prefix(13))
        body += [UInt8](repeating: 0, count: 13 - body.count)
        body += [UInt8(truncatingIfNeeded: deviceID), UInt8(deviceID >> 8)]
        return [0xAA, 0xB4] + body + [Bytes.sum8(body), 0xAB]
    }

    /// Active (`true`, one frame per second) or query reporting mode.
    public static func setReportingMode(active: Bool) -> [UInt8] {
        command([SDS011Command.reportingMode.rawValue, 0x01, active ? 0x00 : 0x01])
    }

    public static func queryData() -> [UInt8] { command([SDS011Command.queryData.rawValue]) }

    /// Sleep (`false`: laser and fan off) or work.
    public static func setWorking(_ working: Bool) -> [UInt8] {
        command([SDS011Command.sleepWork.rawValue, 0x01, working ? 0x01 : 0x00])
    }

    /// Working period in minutes (0 = continuous, 1...30 = measure 30 s then sleep).
    public static func setWorkingPeriod(minutes: UInt8) -> [UInt8] {
        command([SDS011Command.workingPeriod.rawValue, 0x01, minutes])
    }

    /// A measurement frame as the sensor sends it (values in ug/m3, rounded to 0.1).
    public static func measurement(pm2_5: Double, pm10: Double, deviceID: UInt16) -> [UInt8] {
        let a = UInt16(clamping: Int((pm2_5 * 10).rounded()))
        let b = UInt16(clamping: Int((pm10 * 10).rounded()))
        let data: [UInt8] = [
            UInt8(truncatingIfNeeded: a), UInt8(a >> 8), UInt8(truncatingIfNeeded: b), UInt8(b >> 8),
            UInt8(truncatingIfNeeded: deviceID), UInt8(deviceID >> 8),
        ]
        return [0xAA, 0xC0] + data + [Bytes.sum8(data), 0xAB]
    }

    /// A command reply (`AA C5`) carrying 4 data bytes.
    public static func reply(_ data: [UInt8], deviceID: UInt16) -> [UInt8] {
        var body = Array(data.prefix(4))
        body += [UInt8](repeating: 0, count: 4 - body.count)
        body += [UInt8(truncatingIfNeeded: deviceID), UInt8(deviceID >> 8)]
        return [0xAA, 0xC5] + body + [Bytes.sum8(body), 0xAB]
    }
}
