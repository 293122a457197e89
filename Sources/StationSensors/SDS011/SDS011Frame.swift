/// A frame of the Nova SDS011 protocol (10 bytes from the sensor, 19 bytes to it).
public enum SDS011Frame: Sendable, Equatable {
    /// `AA C0`: PM2.5 and PM10 in 0.1 ug/m3 steps, and the device id.
    case measurement(pm2_5: Double, pm10: Double, deviceID: UInt16)
    /// `AA C5`: the answer to a command; `data[0]` is the command byte.
    case reply(data: [UInt8], deviceID: UInt16)
    /// `AA B4`: a command from the host (13 data bytes, `data[0]` the command).
    case command(data: [UInt8], deviceID: UInt16)

    /// The readings of a measurement frame (none for other frames).
    public var values: [SensorValue] {
        guard case .measurement(let pm25, let pm10, _) = self else { return [] }
        return [
            SensorValue("pm2_5", pm25, Unit.microgramsPerCubicMetre),
            SensorValue("pm10", pm10, Unit.microgramsPerCubicMetre),
        ]
    }
}

/// SDS011 command bytes (the first data byte of a command).
public enum SDS011Command: UInt8, Sendable {
    case reportingMode = 0x02
    case queryData = 0x04
    case sleepWork = 0x06
    case workingPeriod = 0x08
}
