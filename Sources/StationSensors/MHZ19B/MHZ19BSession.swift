/// Drives an MH-Z19B: one read command per cycle.
struct MHZ19BSession: SerialSession {
    let options: SerialSensorOptions
    var decoder = MHZ19BDecoder()

    mutating func configure(_ link: SerialLink) throws(LinkError) {}

    mutating func measure(_ link: SerialLink) throws(LinkError) -> [SensorValue] {
        try link.discardInput()
        return try link.exchange(MHZ19BEncoder.readCO2(), decoder: &decoder, timeout: options.replyTimeout) { frame in
            frame.co2 == nil ? nil : .success(frame.values)
        }
    }
}
