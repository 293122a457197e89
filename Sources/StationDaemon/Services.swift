import StationConfig
import StationCore
import StationMQTT
import StationSensors
import StationStore

/// The services a configuration runs, in dependency order (each may use the
/// ones before it). The store, uplink, sensors and display join here as they land.
public enum Services {
    public static func make(_ loaded: LoadedConfiguration, logger: Logger, state: DaemonState) throws -> [any Service] {
        let c = loaded.configuration
        let clock = state.clock
        let store = StoreService(options: StoreService.options(c, clock: clock), logger: logger.child("store"), tap: state.tap)
        let stamper = ReadingStamper(clock: clock)
        var services: [any Service] = [store]
        var running = DaemonState.Running(loaded: loaded, store: store)

        // Second: it sends what the store holds, and the sensors' readings
        // reach it through the store.
        let now = clock.now()
        let uplink = Uplink(
            options: UplinkOptions(c), queue: StoreUplinkQueue(store: store),
            presence: Presence(configHash: loaded.hash, bootID: now.bootID.hex, startedAtNanos: now.wallNanos - Int64(state.uptimeSeconds) * 1_000_000_000),
            logger: logger.child("uplink"), health: { [state] in state.uplinkHealth() })
        store.onAppend { uplink.readingsAvailable() }
        services.append(uplink)
        running.uplink = uplink

        let simulation = SimulationService(sensors: c.sensors, logger: logger.child("simulation"))
        if c.sensors.contains(where: \.simulate) { services.append(simulation) }

        for sensor in c.sensors {
            guard let model = SerialModel(rawValue: sensor.model.rawValue) else { continue }
            let service = SerialSensorService(config: sensor, model: model, store: store, stamper: stamper, logger: logger.child("sensors"))
            running.sensors.append(service)
            services.append(service)
        }
        let inputs = c.sensors.filter { $0.model == .gpio }
        for (simulated, group) in [(false, inputs.filter { !$0.simulate }), (true, inputs.filter(\.simulate))] where !group.isEmpty {
            let backend: any GPIOBackend = simulated ? simulation.gpio : LibgpiodBackend()
            let service = GPIOService(configs: group, backend: backend, store: store, stamper: stamper, logger: logger.child("gpio"))
            running.gpio.append(service)
            services.append(service)
        }
        services += DisplayService.services(c, state: state, logger: logger.child("display"))
        // Last: it reports on all the others, and stops first.
        services.append(ControlService(control: c.control, state: state, logger: logger.child("control")))
        state.setRunning(running)
        return services
    }
}
