import StationConfig
import StationCore
import StationSensors
import StationSystem
import StationTesting
import Synchronization

/// The simulated board's hardware: for every `[[sensor]]` with
/// `simulate = true`, an emulator speaking the model's real protocol on a
/// pseudo-terminal linked at its `port` (so the real termios and decoder path
/// runs), or random arrivals and departures on a simulated GPIO chip. Values
/// wander slowly so a person watching sees them change.
public final class SimulationService: Service {
    public let name = "simulation"
    /// The simulated chips, shared with the GPIO service of the simulated inputs.
    public let gpio: SimulatedGPIO
    private let serial: [StationConfiguration.Sensor]
    private let inputs: [StationConfiguration.Sensor]
    private let running = Mutex<(emulators: [SerialEmulator], occupancy: [RandomOccupancy])>(([], []))
    private let logger: Logger

    init(sensors: [StationConfiguration.Sensor], logger: Logger) {
        serial = sensors.filter { $0.simulate && $0.model.isSerial }
        inputs = sensors.filter { $0.simulate && !$0.model.isSerial }
        gpio = SimulatedGPIO(chips: Set(inputs.map { $0.chip ?? "gpiochip0" }), lineCount: max(32, (inputs.compactMap(\.line).max() ?? 0) + 1))
        self.logger = logger
    }

    public func prepare() async throws {
        var emulators: [SerialEmulator] = []
        for (i, sensor) in serial.enumerated() {
            guard let port = sensor.port, let model = SerialModel(rawValue: sensor.model.rawValue) else { continue }
            try FileSystem.createDirectories(FileSystem.directoryName(port))
            emulators.append(try SerialEmulator(model: model, path: port, seed: UInt64(i + 1)))
            logger.info("emulating \(model.rawValue) '\(sensor.name)' on \(port)")
        }
        var occupancy: [RandomOccupancy] = []
        let byChip = Dictionary(grouping: inputs) { $0.chip ?? "gpiochip0" }
        for (chip, lines) in byChip.sorted(by: { $0.key < $1.key }) {
            occupancy.append(try RandomOccupancy(chip: gpio, chipName: chip, offsets: lines.compactMap(\.line), meanDwell: .seconds(20)))
            logger.info("simulating random occupancy on \(chip), \(lines.count) inputs")
        }
        running.withLock { $0 = (emulators, occupancy) }
    }

    public func run() async throws {
        defer {
            let (emulators, occupancy) = running.withLock { $0 }
            emulators.forEach { $0.stop() }
            occupancy.forEach { $0.stop() }
        }
        var random = SeededGenerator(seed: 7)
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3))
            for emulator in running.withLock({ $0.emulators }) {
                let step = Double.random(in: -1...1, using: &random)
                emulator.update { state in
                    var r = state.readings
                    r.pm2_5 = max(0.5, r.pm2_5 + step)
                    r.pm1_0 = max(0.3, r.pm2_5 * 0.6)
                    r.pm4_0 = r.pm2_5 * 1.3
                    r.pm10 = max(r.pm2_5, r.pm10 + step * 1.5)
                    r.co2 = min(2000, max(400, r.co2 + step * 25))
                    r.temperature += step * 0.1
                    r.humidity = min(95, max(20, r.humidity + step))
                    state.readings = r
                }
            }
        }
    }
}
