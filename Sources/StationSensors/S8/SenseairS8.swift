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

    /// The CO2 reading of a one-register read reply, or why it is not one.
    public static func values(_ frame: ModbusFrame) -> Result<[SensorValue], FailureReason> {
        if frame.isException { return .failure(.deviceError) }
        guard frame.function == 0x04, let words = frame.registers, words.count == 1 else { return .failure(.unexpectedReply) }
        return .success([SensorValue("co2", Double(words[0]), Unit.partsPerMillion)])
    }
}
