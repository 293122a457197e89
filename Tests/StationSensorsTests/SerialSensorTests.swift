import StationSensors
import StationSystem
import StationTesting
import Testing

@Suite struct SerialSensorTests {
    /// What each model's emulator reports with its default readings.
    static let expected: [(SerialModel, String, Double)] = [
        (.sds011, "pm2_5", 5.5), (.pms5003, "pm10", 10), (.sps30, "pm2_5", 5.5),
        (.mhz19b, "co2", 612), (.s8, "co2", 612), (.scd30, "temperature", 21.5),
    ]

    @Test(arguments: expected)
    func queryModeDeliversTheEmulatorsValues(model: SerialModel, quantity: String, value: Double) async throws {
        let rig = try DriverRig(model)
        let delivered = await eventually { rig.log.readings.count >= 2 }
        await rig.finish()
        #expect(delivered)
        #expect(rig.log.values(quantity).first == value)
        #expect(rig.sensor.status.health == .ok)
        #expect(rig.sensor.status.failures.total == 0, "\(rig.sensor.status.failures)")
        if model == .sds011 || model == .pms5003 {
            #expect(rig.emulator.state.commands["query", default: 0] >= 2)
            #expect(rig.emulator.state.active == false)
        }
    }

    @Test(arguments: [SerialModel.sds011, .pms7003])
    func activeModeTakesStreamedFramesWithoutQuerying(model: SerialModel) async throws {
        let rig = try DriverRig(model) { $0.readings.pm10 = 42 } driver: { $0.mode = .active }
        let delivered = await eventually { rig.log.readings.count >= 3 }
        await rig.finish()
        #expect(delivered)
        #expect(rig.emulator.state.commands["query", default: 0] == 0)
        #expect(rig.emulator.state.active)
        #expect(rig.log.values("pm10").allSatisfy { $0 == 42 })
    }

    @Test(arguments: [
        (SerialModel.sds011, SerialSensorOptions.ReportingMode.active),
        (.pms5003, .query), (.pms5003, .active), (.sps30, .query),
    ])
    func sleepsBetweenReadingsAndDiscardsWarmUp(model: SerialModel, mode: SerialSensorOptions.ReportingMode) async throws {
        // The emulator reports 999 for 250 ms after waking; the driver waits 300 ms.
        let rig = try DriverRig(model) { $0.warmUp = .milliseconds(250) } driver: {
            $0.mode = mode
            $0.dutyCycle = .always
            $0.warmUp = .milliseconds(300)
            $0.interval = .milliseconds(400)
            $0.replyTimeout = .milliseconds(500)
        }
        let delivered = await eventually(8) { rig.log.readings.count >= 3 }
        let state = rig.emulator.state
        await rig.finish()
        #expect(delivered)
        #expect(state.commands["sleep", default: 0] >= 2)
        #expect(state.commands["wake", default: 0] >= 2)
        #expect(!rig.log.values("pm2_5").contains(EmulatedReadings.warmUpValue), "\(rig.log.values("pm2_5"))")
        #expect(!rig.log.values("pm2_5").isEmpty)
        #expect(rig.sensor.status.failures[.timeout] == 0, "\(rig.sensor.status.failures)")
    }

    @Test func withoutWarmUpTheFirstReadingAfterWakingIsTheWarmUpValue() async throws {
        // The control for the test above: proves the emulator's warm-up is observable.
        let rig = try DriverRig(.pms5003) { $0.warmUp = .seconds(2) } driver: {
            $0.dutyCycle = .always
            $0.warmUp = .zero
            $0.interval = .milliseconds(300)
        }
        let delivered = await eventually { rig.log.readings.count >= 2 }
        await rig.finish()
        #expect(delivered)
        #expect(rig.log.values("pm2_5").contains(EmulatedReadings.warmUpValue))
    }

    @Test func mhz19bReadingsDuringPreheatAreDiscarded() async throws {
        let rig = try DriverRig(.mhz19b) { $0.preheat = .milliseconds(400) } driver: {
            $0.preheat = .milliseconds(500)
            $0.interval = .milliseconds(100)
        }
        let delivered = await eventually { rig.log.readings.count >= 2 }
        await rig.finish()
        #expect(delivered)
        #expect(rig.sensor.status.discarded >= 2)
        #expect(rig.log.values("co2").allSatisfy { $0 == 612 }, "\(rig.log.values("co2"))")
    }
}
