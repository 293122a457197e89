import StationConfig
import StationCore
import StationStore

/// The services a configuration runs, in dependency order (each may use the
/// ones before it). The store, uplink, sensors and display join here as they land.
public enum Services {
    public static func make(_ loaded: LoadedConfiguration, logger: Logger) throws -> [any Service] {
        let c = loaded.configuration
        let store = StoreService(options: StoreService.options(c, clock: try SystemClock()), logger: logger.child("store"))
        return [store]
    }
}
