import StationConfig
import StationCore
import StationDisplay
import StationSystem

/// The local status display: looks at live state every `pollNanos`, and
/// the controller draws when the picture changes. A panel that fails (an
/// unplugged I2C cable, a missing framebuffer) is logged and reopened on
/// the next look; it never stops the station.
public final class DisplayService: Service {
    public let name = "display"
    let options: DisplayOptions
    let state: DaemonState
    let logger: Logger

    init(options: DisplayOptions, state: DaemonState, logger: Logger) {
        self.options = options
        self.state = state
        self.logger = logger
    }

    /// No service for driver `none`: `Services.make` appends what this returns.
    public static func services(_ c: StationConfiguration, state: DaemonState, logger: Logger) -> [any Service] {
        let options = DisplayOptions(c)
        return options.driver == .none ? [] : [DisplayService(options: options, state: state, logger: logger)]
    }

    public func run() async throws {
        var controller: DisplayController?
        var lastError: String?
        while !Task.isCancelled {
            do {
                if controller == nil, let panel = try DisplayPanels.open(options) {
                    try panel.prepare()
                    controller = DisplayController(panel: panel, minimumIntervalNanos: options.minimumIntervalNanos, shiftPeriodNanos: options.shiftPeriodNanos)
                    logger.info("display \(options.driver.rawValue) ready, layout \(panel.layout.rawValue)")
                    lastError = nil
                }
                if let controller, let content = state.displayContent() {
                    try controller.update(content, now: MonotonicClock.nowNanos())
                }
            } catch {
                // Once per distinct failure, not once per second.
                let text = "\(error)"
                if text != lastError { logger.error("display \(options.driver.rawValue): \(text); retrying") }
                lastError = text
                controller = nil
            }
            try? await Task.sleep(nanoseconds: options.pollNanos)
        }
    }
}
