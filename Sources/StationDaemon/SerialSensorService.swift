import StationConfig
import StationCore
import StationSensors
import StationStore

/// One serial sensor feeding the store. A sensor problem never ends `run()`:
/// the driver counts it, reports health (logged here on every change) and
/// tries again.
public final class SerialSensorService: Service {
    public let name: String
    public let sensor: SerialSensor

    init(config: StationConfiguration.Sensor, model: SerialModel, store: StoreService, stamper: ReadingStamper, logger: Logger) {
        name = "sensor \(config.name)"
        var options = SerialSensorOptions(model: model, port: config.port ?? "", baud: config.baud, interval: config.interval)
        if let mode = config.mode.flatMap(SerialSensorOptions.ReportingMode.init(rawValue:)) { options.mode = mode }
        if let duty = config.dutyCycle.flatMap(SerialSensorOptions.DutyCycle.init(rawValue:)) { options.dutyCycle = duty }
        if let warmUp = config.warmUp { options.warmUp = warmUp }
        if let preheat = config.preheat { options.preheat = preheat }
        let sensorName = config.name
        let port = options.port
        sensor = SerialSensor(name: config.name, options: options) { event in
            switch event {
            case .values(let values, let at):
                let readings = values.map {
                    stamper.reading(sensor: sensorName, quantity: $0.quantity, value: $0.value, unit: $0.unit, kind: .sample, monotonicNanos: at)
                }
                store.append(readings, from: sensorName, logger: logger)
            case .health(let health):
                let level: LogLevel = health.state == .ok ? .info : .warning
                logger.log(level, "\(sensorName) (\(model.rawValue) on \(port)): \(health)")
            }
        }
    }

    public func prepare() async throws { try sensor.prepare() }
    public func run() async throws { try await sensor.run() }
}
