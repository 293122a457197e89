/// One decoded measurement before it is stamped with a sensor name, boot id
/// and clock: what a decoder or driver hands out.
public struct SensorValue: Sendable, Hashable, CustomStringConvertible {
    /// The quantity name used everywhere: `pm2_5`, `co2`, `temperature`, ...
    public var quantity: String
    public var value: Double
    /// The unit as the sensor gives it: `ug/m3`, `ppm`, `degC`, `%`, `1/cm3`, `1/0.1L`.
    public var unit: String

    public init(_ quantity: String, _ value: Double, _ unit: String) {
        self.quantity = quantity
        self.value = value
        self.unit = unit
    }

    public var description: String { "\(quantity)=\(value) \(unit)" }
}

/// The unit names, spelled once.
public enum Unit {
    public static let microgramsPerCubicMetre = "ug/m3"
    public static let partsPerMillion = "ppm"
    public static let degreesCelsius = "degC"
    public static let percent = "%"
    public static let perCubicCentimetre = "1/cm3"
    public static let perDecilitre = "1/0.1L"
    public static let micrometres = "um"
}
