/// How a serial sensor is driven. Every field has a default that suits the
/// model; the config keys that set them are listed beside each field.
public struct SerialSensorOptions: Sendable, Hashable {
    /// How the sensor delivers measurements.
    public enum ReportingMode: String, Sendable, Hashable {
        /// The driver asks for each measurement (default; the only mode of SPS30, MH-Z19B, S8, SCD30).
        case query
        /// The sensor streams frames by itself (SDS011 ~1/s, PMS ~1/s); the driver takes the next one.
        case active
    }

    /// When a particulate sensor sleeps between readings.
    public enum DutyCycle: String, Sendable, Hashable {
        /// Sleep when the interval is at least twice the warm-up (default).
        case auto
        case always
        /// Never sleep (the laser runs all the time: its life is thousands of hours).
        case never
    }

    public var model: SerialModel
    /// `port`: the device path (`/dev/ttyUSB0`, `/dev/serial/by-id/...`).
    public var port: String
    /// `baud`: the model's own rate unless set.
    public var baud: Int
    /// `interval`: time between measurements.
    public var interval: Duration
    /// `mode` (proposed): `query` or `active`.
    public var mode: ReportingMode = .query
    /// `duty_cycle` (proposed): `auto`, `always`, `never`.
    public var dutyCycle: DutyCycle = .auto
    /// `warm_up` (proposed): after waking, readings in this time are discarded
    /// (the fan has to clear the chamber; 30 s for SDS011/PMS/SPS30).
    public var warmUp: Duration
    /// `preheat` (proposed): after start, readings in this time are discarded
    /// (MH-Z19B: 180 s per datasheet; 0 for the others).
    public var preheat: Duration
    /// `reply_timeout` (proposed): how long to wait for an answer (active mode: for the next frame).
    public var replyTimeout: Duration
    /// `unavailable_after` (proposed): consecutive failed cycles before
    /// degraded becomes unavailable.
    public var unavailableAfter: Int = 3
    /// `reopen_backoff` / `reopen_backoff_max` (proposed): delay before reopening a
    /// vanished port, doubled after each failed attempt up to the maximum.
    public var reopenBackoff: Duration = .seconds(1)
    public var reopenBackoffMax: Duration = .seconds(60)

    public init(model: SerialModel, port: String, baud: Int? = nil, interval: Duration = .seconds(60)) {
        self.model = model
        self.port = port
        self.baud = baud ?? model.baud
        self.interval = interval
        warmUp = model.isParticulate ? .seconds(30) : .zero
        preheat = model == .mhz19b ? .seconds(180) : .zero
        // Active-mode PM sensors send about one frame a second.
        replyTimeout = .seconds(2)
    }

    /// Whether the driver puts the sensor to sleep between readings.
    public var sleepsBetweenReadings: Bool {
        guard model.isParticulate else { return false }
        switch dutyCycle {
        case .always: return true
        case .never: return false
        case .auto: return interval >= warmUp * 2 && warmUp > .zero
        }
    }
}
