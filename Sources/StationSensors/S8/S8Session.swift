/// Drives a Senseair S8: each cycle reads input registers 1 to 4 (meter
/// status ... CO2) in one request, and delivers the CO2 value only when the
/// meter status shows no error; otherwise the cycle fails as `device_error`
/// with the flags named in the sensor's health.
struct S8Session: SerialSession {
    let options: SerialSensorOptions
    var decoder = ModbusDecoder(role: .replies)

    mutating func configure(_ link: SerialLink) throws(LinkError) {}

    mutating func measure(_ link: SerialLink) throws(LinkError) -> [SensorValue] {
        try link.discardInput()
        let reply = try link.exchange(SenseairS8.readStatusAndCO2(), decoder: &decoder, timeout: options.replyTimeout) { frame in
            frame.function & 0x7F == 0x04 ? SenseairS8.statusAndCO2(frame) : nil
        }
        let errors = reply.status.errors
        guard errors.isEmpty else { throw link.fail(.deviceError, "\(reply.status)") }
        return [reply.co2]
    }
}
