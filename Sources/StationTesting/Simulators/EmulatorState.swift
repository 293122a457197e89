import StationSensors

/// The values an emulated sensor reports (each model uses what it measures).
public struct EmulatedReadings: Sendable, Hashable {
    public var pm1_0 = 3.0
    public var pm2_5 = 5.5
    public var pm4_0 = 7.0
    public var pm10 = 9.5
    public var co2 = 612.0
    public var temperature = 21.5
    public var humidity = 48.0
    /// Particle counts (PMS per 0.1 L, SPS30 per cm3).
    public var counts: [Double] = [138, 46, 23, 15, 2, 1]

    public init() {}

    /// What a PM sensor reports while its fan is still spinning up, and an
    /// MH-Z19B while preheating: a value no real reading here should have,
    /// so a test can tell a discarded warm-up reading from a delivered one.
    public static let warmUpValue = 999.0
}

/// A fault the emulator injects on command.
public enum EmulatorFault: Sendable, Hashable {
    case none
    /// Answer nothing, send nothing (a dead sensor, a broken TX wire).
    case silent
    /// Put random bytes before every frame (noise on the line).
    case garbage
    /// Corrupt one payload byte of every frame, so its checksum fails.
    case badChecksum
}

/// What an emulated sensor is doing; tests read and change it through
/// `SerialEmulator.update`.
public struct EmulatorState: Sendable {
    public var readings = EmulatedReadings()
    public var fault = EmulatorFault.none
    /// Streaming frames by itself (SDS011 and PMS start in active mode, as shipped).
    public var active: Bool
    /// Fan and laser off.
    public var asleep = false
    /// SPS30/SCD30: measurement started.
    public var measuring = false
    /// Time between streamed frames in active mode, and between new values
    /// for SPS30/SCD30 (1 s on the real sensors; tests shorten it).
    public var period: Duration = .seconds(1)
    /// After waking (or starting a measurement), values are `warmUpValue` for this long.
    public var warmUp: Duration = .zero
    /// MH-Z19B: after power-up, values are `warmUpValue` for this long.
    public var preheat: Duration = .zero
    /// Senseair S8: the meter status register (IR1); error bits make the
    /// driver refuse the CO2 value.
    public var meterStatus: UInt16 = 0
    /// Commands received, by name (`query`, `sleep`, `wake`, `mode`, `start`, `stop`, `read`, ...).
    public var commands: [String: Int] = [:]
    /// Frames written to the port.
    public var framesSent = 0
    /// Whether the port exists (see `unplug` / `replug`).
    public internal(set) var plugged = true

    /// Monotonic ns of the last wake / measurement start, and of power-up.
    var wokeAt: UInt64 = 0
    var poweredAt: UInt64 = 0

    init(model: SerialModel) {
        active = model == .sds011 || [.pms5003, .pms7003, .pmsa003].contains(model)
    }

    mutating func count(_ command: String) { commands[command, default: 0] += 1 }

    /// Whether values are still warm-up values at `now`.
    func warmingUp(_ now: UInt64) -> Bool {
        now < wokeAt + warmUp.wholeNanoseconds || now < poweredAt + preheat.wholeNanoseconds
    }
}
