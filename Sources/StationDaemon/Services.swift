import StationConfig
import StationCore
import StationSensors
import StationStore

/// The services a configuration runs, in dependency order (each may use the
/// ones before it). The store, uplink, sensors and display join here as they land.
public enum Services {
    public static func make(_ loaded: LoadedConfiguration, logger: Logger) throws -> [any Service] {
        let c = loaded.configuration
        let clock = try SystemClock()
        let store = StoreService(options: StoreService.options(c, clock: clock), logger: logger.child("store"))
        let stamper = ReadingStamper(clock: clock)
        var services: [any Service] = [store]

        let simulation = SimulationService(sensors: c.sensors, logger: logger.child("simulation"))
        if c.sensors.contains(where: \.simulate) { services.append(simulation) }

        for sensor in c.sensors {
            guard let model = SerialModel(rawValue: sensor.model.rawValue) else { continue }
            services.append(SerialSensorService(config: sensor, model: model, store: store, stamper: stamper, logger: logger.child("sensors")))
        }
        let inputs = c.sensors.filter { $0.model == .gpio }
        for (simulated, group) in [(false, inputs.filter { !$0.simulate }), (true, inputs.filter(\.simulate))] where !group.isEmpty {
            let backend: any GPIOBackend = simulated ? simulation.gpio : LibgpiodBackend()
            services.append(GPIOService(configs: group, backend: backend, store: store, stamper: stamper, logger: logger.child("gpio")))
        }
        return services
    }
}
