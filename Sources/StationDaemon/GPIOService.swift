import StationConfig
import StationCore
import StationSensors
import StationStore

/// The occupancy inputs feeding the store: every debounced change is a
/// `state_change` reading (`occupied` 1 or 0, `sensor` = the input), every
/// group snapshot three `sample` readings (`occupied`, `free`, `unknown`,
/// `sensor` = the group).
public final class GPIOService: Service {
    public let name = "gpio"
    public let inputs: GPIOInputs
    private let logger: Logger

    init(configs: [StationConfiguration.Sensor], backend: any GPIOBackend, store: StoreService, stamper: ReadingStamper, logger: Logger) {
        self.logger = logger
        let options = configs.map(Self.options)
        inputs = GPIOInputs(inputs: options, backend: backend) { event in
            switch event {
            case .input(let change):
                switch change.kind {
                case .state(let state):
                    guard let value = state.readingValue else {
                        logger.warning("input \(change.input) is unknown")
                        return
                    }
                    store.append(
                        [stamper.reading(sensor: change.input, quantity: "occupied", value: value, unit: "", kind: .stateChange, monotonicNanos: change.monotonicNanos)],
                        from: change.input, logger: logger)
                case .stuck(let stuck):
                    if stuck { logger.warning("input \(change.input) has not changed for longer than its stuck_after") }
                }
            case .snapshot(let groups):
                let readings = groups.flatMap { g in
                    [("occupied", g.occupied), ("free", g.free), ("unknown", g.unknown)].map {
                        stamper.reading(sensor: g.group, quantity: $0.0, value: Double($0.1), unit: "", kind: .sample, monotonicNanos: g.monotonicNanos)
                    }
                }
                store.append(readings, from: "gpio", logger: logger)
            case .lineFailed(let input, let error):
                logger.warning("input \(input): \(error); retrying")
            }
        }
    }

    static func options(_ c: StationConfiguration.Sensor) -> GPIOInputOptions {
        let request = GPIOLineRequest(
            chip: c.chip ?? "gpiochip0", offset: c.line ?? 0, activeLow: c.activeLow ?? false,
            bias: c.bias.flatMap(GPIOBias.init(rawValue:)) ?? .asIs)
        var options = GPIOInputOptions(name: c.name, group: c.group ?? c.name, line: request)
        if let debounce = c.debounce { options.debounce = debounce }
        if c.kind == "pulse" { options.kind = .pulse(PulseRules()) }
        options.stuckAfter = c.stuckAfter
        return options
    }

    /// A missing chip or line does not stop the station: it is logged with
    /// the chip and offset, the input stays unknown, and `run()` keeps
    /// trying to open it while the other inputs work.
    public func prepare() async throws {
        do {
            try inputs.prepare()
        } catch {
            for failure in error.failures { logger.error("\(failure); the input stays unknown and is retried") }
        }
    }
    public func run() async throws { try await inputs.run() }
}
