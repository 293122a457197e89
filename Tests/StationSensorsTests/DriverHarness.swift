import StationSensors
import StationSystem
import StationTesting
import Synchronization
import Testing

/// Collects a driver's events and waits for conditions on them.
final class EventLog: Sendable {
    private let events = Mutex<[SensorEvent]>([])

    func add(_ event: SensorEvent) { events.withLock { $0.append(event) } }

    var all: [SensorEvent] { events.withLock { $0 } }

    var readings: [[SensorValue]] {
        all.compactMap { if case .values(let v, _) = $0 { v } else { nil } }
    }

    var healths: [SensorHealth] {
        all.compactMap { if case .health(let h) = $0 { h } else { nil } }
    }

    /// The value of `quantity` in every delivered reading, in order.
    func values(_ quantity: String) -> [Double] {
        readings.compactMap { $0.first { $0.quantity == quantity }?.value }
    }
}

/// Polls `condition` every 10 ms until it holds or `seconds` pass.
func eventually(_ seconds: Double = 5, _ condition: () -> Bool) async -> Bool {
    let deadline = MonotonicClock.nowNanos() + UInt64(seconds * 1e9)
    while MonotonicClock.nowNanos() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

/// An emulator on a pty in a fresh directory and a running driver on it, for one test.
struct DriverRig {
    let directory: TemporaryDirectory
    let emulator: SerialEmulator
    let sensor: SerialSensor
    let log = EventLog()
    let task: Task<Void, any Error>

    /// Options shortened for tests: 150 ms interval, 300 ms reply timeout, 50 ms reopen backoff.
    static func options(_ model: SerialModel, port: String) -> SerialSensorOptions {
        var o = SerialSensorOptions(model: model, port: port, interval: .milliseconds(150))
        o.replyTimeout = .milliseconds(300)
        o.preheat = .zero
        o.dutyCycle = .never
        o.reopenBackoff = .milliseconds(50)
        o.reopenBackoffMax = .milliseconds(200)
        return o
    }

    init(
        _ model: SerialModel,
        emulator configureEmulator: (inout EmulatorState) -> Void = { _ in },
        driver configureDriver: (inout SerialSensorOptions) -> Void = { _ in }
    ) throws {
        directory = try TemporaryDirectory(prefix: "sensor-\(model.rawValue)")
        let path = "\(directory.path)/tty\(model.rawValue)"
        emulator = try SerialEmulator(model: model, path: path) { state in
            state.period = .milliseconds(50)
            configureEmulator(&state)
        }
        var options = Self.options(model, port: path)
        configureDriver(&options)
        let log = log
        sensor = SerialSensor(name: "test-\(model.rawValue)", options: options) { log.add($0) }
        try sensor.prepare()
        let sensor = sensor
        task = Task { try await sensor.run() }
    }

    /// Stops the driver (which must return promptly) and the emulator.
    func finish() async {
        task.cancel()
        let start = MonotonicClock.nowNanos()
        _ = try? await task.value
        #expect(MonotonicClock.nowNanos() - start < 1_000_000_000, "driver took too long to stop")
        emulator.stop()
        directory.remove()
    }
}
