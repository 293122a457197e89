import StationSensors

/// One model's protocol side as an emulated device: turns the bytes it gets
/// into answer frames, and produces frames on its own in active mode. Runs on
/// the emulator's thread with the state locked.
protocol EmulatedDevice {
    mutating func receive(_ bytes: [UInt8], now: UInt64, state: inout EmulatorState) -> [[UInt8]]
    /// Frames the device sends by itself at `now` (active mode).
    mutating func tick(now: UInt64, state: inout EmulatorState) -> [[UInt8]]
    /// When `tick` next has something to send (nil: only input matters).
    func nextTick(_ state: EmulatorState) -> UInt64?
}

extension EmulatedDevice {
    mutating func tick(now: UInt64, state: inout EmulatorState) -> [[UInt8]] { [] }
    func nextTick(_ state: EmulatorState) -> UInt64? { nil }
}

/// Paces active-mode frames and "new data" for SPS30/SCD30.
struct Pacer {
    private(set) var next: UInt64 = 0

    /// Whether a new period started since the last `true`.
    mutating func due(_ now: UInt64, period: Duration) -> Bool {
        guard now >= next else { return false }
        next = now + period.wholeNanoseconds
        return true
    }

    mutating func restart(_ now: UInt64, period: Duration) { next = now + period.wholeNanoseconds }
}

extension SerialModel {
    func makeDevice() -> any EmulatedDevice {
        switch self {
        case .sds011: return SDS011Device()
        case .pms5003, .pms7003, .pmsa003: return PMSDevice()
        case .sps30: return SPS30Device()
        case .mhz19b: return MHZ19BDevice()
        case .s8: return S8Device()
        case .scd30: return SCD30Device()
        }
    }
}

extension EmulatorState {
    /// A PM value as reported now: the warm-up value until warmed up.
    func pm(_ value: Double, _ now: UInt64) -> Double { warmingUp(now) ? EmulatedReadings.warmUpValue : value }
}
