import StationSensors
import StationTesting
import Testing

@Suite struct StreamingTests {
    @Test func serialSensorEventsAsAnAsyncStream() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let emulator = try SerialEmulator(model: .s8, path: "\(dir.path)/ttyS8")
        defer { emulator.stop() }
        let (sensor, events) = SerialSensor.streaming(name: "co2", options: DriverRig.options(.s8, port: emulator.path))
        let task = Task { try await sensor.run() }
        var values: [SensorValue] = []
        var healths: [SensorHealth] = []
        for await event in events {
            switch event {
            case .values(let v, _): values += v
            case .health(let h): healths.append(h)
            }
            if values.count >= 2 { break }
        }
        task.cancel()
        _ = try? await task.value
        #expect(values == [SensorValue("co2", 612, "ppm"), SensorValue("co2", 612, "ppm")])
        #expect(healths == [.ok])
    }

    @Test func gpioEventsAsAnAsyncStream() async throws {
        let chip = SimulatedGPIO()
        var options = GPIOInputOptions(name: "door", group: "doors", line: GPIOLineRequest(chip: "gpiochip0", offset: 0))
        options.debounce = .milliseconds(5)
        let (inputs, events) = GPIOInputs.streaming(inputs: [options], backend: chip)
        try inputs.prepare()
        let task = Task { try await inputs.run() }
        var states: [OccupancyState] = []
        for await event in events {
            if case .input(let e) = event, case .state(let s) = e.kind {
                states.append(s)
                if s == .free { chip.set(offset: 0, high: true) }
                if s == .occupied { break }
            }
        }
        task.cancel()
        _ = try? await task.value
        #expect(states == [.free, .occupied])
    }
}
