/// Senseair S8 (Modbus RTU, 9600 baud): CO2 in input register 4 (address 3),
/// meter status in input register 1 (address 0).
public enum SenseairS8 {
    /// `FE` is "any address" on a point-to-point link.
    public static let anyAddress: UInt8 = 0xFE
    public static let co2Register: UInt16 = 0x0003
    public static let statusRegister: UInt16 = 0x0000

    /// `FE0400030001D5C5`.
    public static func readCO2(address: UInt8 = anyAddress) -> [UInt8] {
        ModbusEncoder.read(address: address, function: 0x04, register: co2Register, count: 1)
    }

    /// `FE040000000125C5`.
    public static func readStatus(address: UInt8 = anyAddress) -> [UInt8] {
        ModbusEncoder.read(address: address, function: 0x04, register: statusRegister, count: 1)
    }

    /// Input registers 1 to 4 in one request: meter status, alarm status,
    /// output status, CO2 (`FE0400000004E5C6`). What the driver asks each
    /// cycle, so a reading always comes with the sensor's own verdict on it.
    public static func readStatusAndCO2(address: UInt8 = anyAddress) -> [UInt8] {
        ModbusEncoder.read(address: address, function: 0x04, register: statusRegister, count: 4)
    }

    /// The error flags of the meter status register (IR1) in Senseair's
    /// Modbus specification; any of them makes the CO2 value untrustworthy.
    public struct MeterStatus: OptionSet, Sendable, CustomStringConvertible {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        public static let fatal = MeterStatus(rawValue: 0x01)
        public static let offsetRegulation = MeterStatus(rawValue: 0x02)
        public static let algorithm = MeterStatus(rawValue: 0x04)
        public static let output = MeterStatus(rawValue: 0x08)
        public static let selfDiagnostics = MeterStatus(rawValue: 0x10)
        public static let outOfRange = MeterStatus(rawValue: 0x20)
        public static let memory = MeterStatus(rawValue: 0x40)
        static let names: [(MeterStatus, String)] = [
            (.fatal, "fatal error"), (.offsetRegulation, "offset regulation error"), (.algorithm, "algorithm error"),
            (.output, "output error"), (.selfDiagnostics, "self-diagnostics error"), (.outOfRange, "out of range"),
            (.memory, "memory error"),
        ]

        /// The error bits only (bit 7 and up are not errors).
        public var errors: MeterStatus { intersection(MeterStatus(rawValue: 0x7F)) }

        /// `meter status 0x0021: fatal error, out of range`.
        public var description: String {
            let hex = String(rawValue, radix: 16)
            let flags = Self.names.filter { contains($0.0) }.map(\.1)
            return "meter status 0x\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)" + (flags.isEmpty ? "" : ": " + flags.joined(separator: ", "))
        }
    }

    /// A reply to `readStatusAndCO2`: the meter status and the CO2 value.
    public static func statusAndCO2(_ frame: ModbusFrame) -> Result<(status: MeterStatus, co2: SensorValue), FailureReason> {
        if frame.isException { return .failure(.deviceError) }
        guard frame.function == 0x04, let words = frame.registers, words.count == 4 else { return .failure(.unexpectedReply) }
        return .success((MeterStatus(rawValue: words[0]), SensorValue("co2", Double(words[3]), Unit.partsPerMillion)))
    }

    /// The CO2 reading of a captured reply: a one-register read of CO2, or a
    /// four-register read whose meter status shows no error.
    public static func values(_ frame: ModbusFrame) -> Result<[SensorValue], FailureReason> {
        if frame.isException { return .failure(.deviceError) }
        guard frame.function == 0x04, let words = frame.registers else { return .failure(.unexpectedReply) }
        switch words.count {
        case 1: return .success([SensorValue("co2", Double(words[0]), Unit.partsPerMillion)])
        case 4:
            return statusAndCO2(frame).flatMap { reply in
                reply.status.errors.isEmpty ? .success([reply.co2]) : .failure(.deviceError)
            }
        default: return .failure(.unexpectedReply)
        }
    }
}
