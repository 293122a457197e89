/// Drives an SCD30 over Modbus: sets its measurement interval, starts
/// continuous measurement, then each cycle waits for "data ready" and reads
/// the three floats.
struct SCD30Session: SerialSession {
    let options: SerialSensorOptions
    var decoder = ModbusDecoder(role: .replies, address: SCD30.address)

    /// The sensor's own interval: the reading interval within its 2...1800 s range.
    var sensorInterval: UInt16 {
        UInt16(clamping: min(max(options.interval.components.seconds, 2), 1800))
    }

    private mutating func write(_ link: SerialLink, _ request: [UInt8]) throws(LinkError) {
        try link.exchange(request, decoder: &decoder, timeout: options.replyTimeout) { frame -> Result<Void, FailureReason>? in
            guard frame.function & 0x7F == 0x06 else { return nil }
            return frame.isException ? .failure(.deviceError) : .success(())
        }
    }

    mutating func configure(_ link: SerialLink) throws(LinkError) {
        try write(link, SCD30.setInterval(seconds: sensorInterval))
        try write(link, SCD30.startContinuous())
    }

    mutating func measure(_ link: SerialLink) throws(LinkError) -> [SensorValue] {
        // A fresh value comes every sensorInterval; wait at most that plus the reply timeout.
        let deadline = SerialLink.now() + (options.replyTimeout + .seconds(Int(sensorInterval))).wholeNanoseconds
        while true {
            let ready = try link.exchange(SCD30.dataReady(), decoder: &decoder, timeout: options.replyTimeout) { frame -> Result<Bool, FailureReason>? in
                guard frame.function & 0x7F == 0x03 else { return nil }
                if frame.isException { return .failure(.deviceError) }
                return SCD30.isDataReady(frame).map { .success($0) } ?? .failure(.unexpectedReply)
            }
            if ready { break }
            guard SerialLink.now() < deadline else { throw .failed(.timeout, "no data ready within \(sensorInterval) s") }
            try link.pause(for: .milliseconds(200))
        }
        return try link.exchange(SCD30.readMeasurement(), decoder: &decoder, timeout: options.replyTimeout) { frame in
            frame.function & 0x7F == 0x03 ? SCD30.values(frame) : nil
        }
    }
}
