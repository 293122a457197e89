import StationConfig
import StationCore

/// The services a configuration runs, in dependency order (each may use the
/// ones before it). The store, uplink, sensors and display join here as they land.
public enum Services {
    public static func make(_ loaded: LoadedConfiguration, logger: Logger) throws -> [any Service] {
        []
    }
}
