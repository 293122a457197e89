/// Sensirion SPS30 over UART (SHDLC, 115200 baud, address 0).
public enum SPS30 {
    public static let address: UInt8 = 0x00

    /// SHDLC command bytes.
    public enum Command: UInt8, Sendable {
        case startMeasurement = 0x00
        case stopMeasurement = 0x01
        case readMeasurement = 0x03
        case sleep = 0x10
        case wakeUp = 0x11
        case fanCleaning = 0x56
        case deviceReset = 0xD3
    }

    /// Start measurement with big-endian float output: `7E0000020103F97E`.
    public static func startMeasurement() -> [UInt8] { request(.startMeasurement, [0x01, 0x03]) }
    public static func stopMeasurement() -> [UInt8] { request(.stopMeasurement) }
    public static func readMeasurement() -> [UInt8] { request(.readMeasurement) }
    public static func sleep() -> [UInt8] { request(.sleep) }
    /// Wake-up. Over UART the sensor needs a byte to wake its interface
    /// first, so a lone `FF` goes before the frame (datasheet, "Wake-up").
    public static func wakeUp() -> [UInt8] { [0xFF] + request(.wakeUp) }
    public static func fanCleaning() -> [UInt8] { request(.fanCleaning) }
    public static func reset() -> [UInt8] { request(.deviceReset) }

    public static func request(_ command: Command, _ data: [UInt8] = []) -> [UInt8] {
        SHDLC.encode(address: address, command: command.rawValue, data: data)
    }

    static let massNames = ["pm1_0", "pm2_5", "pm4_0", "pm10"]
    static let numberNames = ["particles_0_5", "particles_1_0", "particles_2_5", "particles_4_0", "particles_10"]

    /// The readings of a read-measurement reply: `.success([])` when the
    /// sensor has no new data yet, a failure for an error state or a bad length.
    public static func values(_ frame: SHDLCFrame) -> Result<[SensorValue], FailureReason> {
        if let failure = failure(frame) { return .failure(failure) }
        guard frame.command == Command.readMeasurement.rawValue else { return .failure(.unexpectedReply) }
        if frame.data.isEmpty { return .success([]) }
        guard frame.data.count == 40 else { return .failure(.unexpectedReply) }
        let f = (0..<10).map { Bytes.double(Bytes.bigEndianFloat(frame.data, 4 * $0)) }
        guard f.allSatisfy(\.isFinite) else { return .failure(.unexpectedReply) }
        var values: [SensorValue] = []
        for (i, name) in massNames.enumerated() { values.append(SensorValue(name, f[i], Unit.microgramsPerCubicMetre)) }
        for (i, name) in numberNames.enumerated() { values.append(SensorValue(name, f[4 + i], Unit.perCubicCentimetre)) }
        values.append(SensorValue("typical_particle_size", f[9], Unit.micrometres))
        return .success(values)
    }

    /// The failure a reply's state byte reports, if any.
    public static func failure(_ frame: SHDLCFrame) -> FailureReason? {
        switch frame.errorCode {
        case 0: return nil
        case SHDLCFrame.commandNotAllowed: return .commandNotAllowed
        default: return .deviceError
        }
    }

    /// A read reply as the sensor sends it (for the emulator): ten floats in
    /// the order mass 1.0/2.5/4.0/10, number 0.5/1.0/2.5/4.0/10, typical size.
    public static func measurementReply(_ floats: [Float], state: UInt8 = 0) -> [UInt8] {
        SHDLC.encode(address: address, command: Command.readMeasurement.rawValue, state: state, data: floats.prefix(10).flatMap(Bytes.bigEndian))
    }
}
