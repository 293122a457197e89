/// The six bands of the European Environment Agency's European Air Quality
/// Index (EAQI) as used before its 2024 revision; the thresholds and the
/// source are in docs/display.md. The EAQI applies them to hourly values (PM as 24-hour
/// running means); the display applies them to the latest reading, which
/// is what a person standing there breathes.
public enum AirQualityLevel: Int, Codable, Sendable, Comparable, CaseIterable {
    case good = 1, fair, moderate, poor, veryPoor, extremelyPoor

    /// Upper bounds (exclusive) of bands 1-5 in µg/m³; above the last is band 6.
    static let pm2_5Bounds: [Double] = [10, 20, 25, 50, 75]
    static let pm10Bounds: [Double] = [20, 40, 50, 100, 150]

    public static func forPM2_5(_ value: Double) -> AirQualityLevel { band(value, pm2_5Bounds) }
    public static func forPM10(_ value: Double) -> AirQualityLevel { band(value, pm10Bounds) }

    private static func band(_ value: Double, _ bounds: [Double]) -> AirQualityLevel {
        let index = bounds.firstIndex { value < $0 } ?? bounds.count
        return AirQualityLevel(rawValue: index + 1)!
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Indoor CO2 in the bands of the German Environment Agency (Umweltbundesamt,
/// Ad-hoc-Arbeitsgruppe Innenraumrichtwerte, 2008): below 1000 ppm harmless,
/// 1000-2000 elevated, above 2000 unacceptable. The EAQI has no CO2 band.
public enum CO2Level: Int, Codable, Sendable, Comparable {
    case harmless = 1, elevated, unacceptable

    public init(ppm: Double) {
        self = ppm < 1000 ? .harmless : ppm <= 2000 ? .elevated : .unacceptable
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
