/// Drives a Senseair S8: reads input register 4 (CO2) each cycle.
struct S8Session: SerialSession {
    let options: SerialSensorOptions
    var decoder = ModbusDecoder(role: .replies)

    mutating func configure(_ link: SerialLink) throws(LinkError) {}

    mutating func measure(_ link: SerialLink) throws(LinkError) -> [SensorValue] {
        try link.discardInput()
        return try link.exchange(SenseairS8.readCO2(), decoder: &decoder, timeout: options.replyTimeout) { frame in
            frame.function & 0x7F == 0x04 ? SenseairS8.values(frame) : nil
        }
    }
}
