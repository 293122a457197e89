/// Sensirion SCD30 over Modbus RTU (19200 baud, address 0x61): CO2, temperature
/// and relative humidity as big-endian float32, each sent as two words, high word first.
public enum SCD30 {
    public static let address: UInt8 = 0x61
    public static let measurementRegister: UInt16 = 0x0028
    public static let dataReadyRegister: UInt16 = 0x0027

    /// Start continuous measurement with ambient pressure in mbar (0 = no compensation).
    public static func startContinuous(pressure: UInt16 = 0) -> [UInt8] {
        ModbusEncoder.writeSingle(address: address, register: 0x0036, value: pressure)
    }

    public static func stopContinuous() -> [UInt8] { ModbusEncoder.writeSingle(address: address, register: 0x0037, value: 1) }

    /// Measurement interval in seconds (2...1800).
    public static func setInterval(seconds: UInt16) -> [UInt8] {
        ModbusEncoder.writeSingle(address: address, register: 0x0025, value: seconds)
    }

    public static func dataReady() -> [UInt8] {
        ModbusEncoder.read(address: address, function: 0x03, register: dataReadyRegister, count: 1)
    }

    public static func readMeasurement() -> [UInt8] {
        ModbusEncoder.read(address: address, function: 0x03, register: measurementRegister, count: 6)
    }

    public static func softReset() -> [UInt8] { ModbusEncoder.writeSingle(address: address, register: 0x0034, value: 1) }

    /// The words of a measurement reply for given values (for the emulator).
    public static func measurementWords(co2: Float, temperature: Float, humidity: Float) -> [UInt16] {
        [co2, temperature, humidity].flatMap { f -> [UInt16] in
            let bits = f.bitPattern
            return [UInt16(bits >> 16), UInt16(truncatingIfNeeded: bits)]
        }
    }

    /// The three readings of a measurement reply, or why it is not one.
    public static func values(_ frame: ModbusFrame) -> Result<[SensorValue], FailureReason> {
        if frame.isException { return .failure(.deviceError) }
        guard frame.function == 0x03, let w = frame.registers, w.count == 6 else { return .failure(.unexpectedReply) }
        let f = (0..<3).map { Bytes.double(Float(bitPattern: UInt32(w[2 * $0]) << 16 | UInt32(w[2 * $0 + 1]))) }
        guard f.allSatisfy(\.isFinite) else { return .failure(.unexpectedReply) }
        return .success([
            SensorValue("co2", f[0], Unit.partsPerMillion),
            SensorValue("temperature", f[1], Unit.degreesCelsius),
            SensorValue("relative_humidity", f[2], Unit.percent),
        ])
    }

    /// Whether a data-ready reply says a new measurement is waiting.
    public static func isDataReady(_ frame: ModbusFrame) -> Bool? {
        guard !frame.isException, let w = frame.registers, w.count == 1 else { return nil }
        return w[0] == 1
    }
}
