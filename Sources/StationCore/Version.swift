/// The firmware version, reported by `stationd --version`, `stationctl version`
/// and the uplink's birth message.
public enum StationVersion {
    public static let current = "0.1.0"
}
