/// A frame of the Plantower PMS5003 / PMS7003 / PMSA003 protocol.
public enum PMSFrame: Sendable, Equatable {
    /// The 32-byte data frame (`42 4D 00 1C`): 13 big-endian words.
    case measurement(PMSMeasurement)
    /// The 8-byte answer to a mode or sleep command (`42 4D 00 04 CMD DATA`).
    case reply(command: UInt8, data: UInt8)
    /// A 7-byte host command (`42 4D CMD DH DL` + sum), for the emulator.
    case command(command: UInt8, data: UInt16)

    public var values: [SensorValue] {
        guard case .measurement(let m) = self else { return [] }
        return m.values
    }
}

/// The data words of a PMS data frame, in frame order.
public struct PMSMeasurement: Sendable, Equatable {
    /// PM1.0, PM2.5, PM10 in ug/m3 with the factory CF=1 calibration.
    public var pm1_0CF1, pm2_5CF1, pm10CF1: UInt16
    /// PM1.0, PM2.5, PM10 in ug/m3 under atmospheric conditions: the values published as `pm*`.
    public var pm1_0, pm2_5, pm10: UInt16
    /// Particles larger than 0.3, 0.5, 1.0, 2.5, 5.0 and 10 um per 0.1 L of air.
    public var counts: [UInt16]

    public init(pm1_0CF1: UInt16, pm2_5CF1: UInt16, pm10CF1: UInt16, pm1_0: UInt16, pm2_5: UInt16, pm10: UInt16, counts: [UInt16]) {
        self.pm1_0CF1 = pm1_0CF1
        self.pm2_5CF1 = pm2_5CF1
        self.pm10CF1 = pm10CF1
        self.pm1_0 = pm1_0
        self.pm2_5 = pm2_5
        self.pm10 = pm10
        self.counts = counts + [UInt16](repeating: 0, count: max(0, 6 - counts.count))
    }

    static let countNames = ["particles_0_3", "particles_0_5", "particles_1_0", "particles_2_5", "particles_5_0", "particles_10"]

    public var values: [SensorValue] {
        let ug = Unit.microgramsPerCubicMetre
        var v = [
            SensorValue("pm1_0", Double(pm1_0), ug), SensorValue("pm2_5", Double(pm2_5), ug),
            SensorValue("pm10", Double(pm10), ug),
            SensorValue("pm1_0_cf1", Double(pm1_0CF1), ug), SensorValue("pm2_5_cf1", Double(pm2_5CF1), ug),
            SensorValue("pm10_cf1", Double(pm10CF1), ug),
        ]
        for (name, count) in zip(Self.countNames, counts) { v.append(SensorValue(name, Double(count), Unit.perDecilitre)) }
        return v
    }
}
