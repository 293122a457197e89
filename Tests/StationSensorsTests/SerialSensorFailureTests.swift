import StationSensors
import StationSystem
import StationTesting
import Testing

@Suite struct SerialSensorFailureTests {
    @Test func silentSensorBecomesUnavailableThenRecovers() async throws {
        let rig = try DriverRig(.s8) { _ in } driver: {
            $0.interval = .milliseconds(100)
            $0.replyTimeout = .milliseconds(100)
        }
        #expect(await eventually { rig.log.readings.count >= 1 })
        rig.emulator.update { $0.fault = .silent }
        let down = await eventually { rig.sensor.status.health.state == .unavailable }
        let health = rig.sensor.status.health
        let before = rig.log.readings.count
        rig.emulator.update {
            $0.fault = .none
            $0.readings.co2 = 800
        }
        let back = await eventually { rig.log.values("co2").last == 800 }
        await rig.finish()
        #expect(down)
        #expect(health.reason == .timeout)
        #expect(back)
        #expect(rig.log.readings.count > before)
        #expect(rig.sensor.status.failures[.timeout] >= 3)
        // Health went ok -> degraded -> unavailable -> ok, each change reported once.
        let states = rig.log.healths.map(\.state)
        #expect(states.suffix(3) == [.degraded, .unavailable, .ok], "\(states)")
    }

    @Test(arguments: [SerialModel.sds011, .pms5003, .sps30, .mhz19b, .s8, .scd30])
    func badChecksumsAreCountedAndGarbageIsSkipped(model: SerialModel) async throws {
        let rig = try DriverRig(model) { $0.fault = .badChecksum }
        let refused = await eventually { rig.sensor.status.failures[.checksum] >= 2 && rig.sensor.status.health.reason == .checksum }
        let health = rig.sensor.status.health
        rig.emulator.update { $0.fault = .garbage }
        let before = rig.log.readings.count
        let resync = await eventually { rig.log.readings.count >= before + 3 }
        await rig.finish()
        #expect(refused)
        #expect(health.state != .ok && health.reason == .checksum, "\(health) \(rig.sensor.status.failures)")
        #expect(resync)
        #expect(rig.sensor.status.failures[.framing] >= 1)
    }

    @Test func unpluggedPortIsUnavailableThenReturns() async throws {
        let rig = try DriverRig(.mhz19b)
        #expect(await eventually { rig.log.readings.count >= 1 })
        rig.emulator.unplug()
        let gone = await eventually { rig.sensor.status.health.reason == .deviceGone }
        let health = rig.sensor.status.health
        try await Task.sleep(for: .milliseconds(300))
        let whileGone = rig.log.readings.count
        rig.emulator.replug()
        let back = await eventually { rig.log.readings.count > whileGone && rig.sensor.status.health == .ok }
        await rig.finish()
        #expect(gone)
        #expect(health.state == .unavailable)
        #expect(health.detail.contains(rig.emulator.path) || health.detail.contains("/dev/pts/"), "\(health)")
        #expect(back)
        #expect(rig.sensor.status.opens >= 2)
        #expect(rig.sensor.status.failures[.deviceGone] >= 2)
    }

    @Test func sps30CommandNotAllowedIsCountedAndTheSensorIsSetUpAgain() async throws {
        let rig = try DriverRig(.sps30)
        #expect(await eventually { rig.log.readings.count >= 1 })
        // As if the sensor reset itself: it is idle, and reads are refused with 0x43.
        rig.emulator.update { $0.measuring = false }
        let refused = await eventually { rig.sensor.status.failures[.commandNotAllowed] >= 1 }
        let before = rig.log.readings.count
        let back = await eventually { rig.log.readings.count > before }
        await rig.finish()
        #expect(refused)
        #expect(back)
        #expect(rig.emulator.state.commands["start", default: 0] >= 2)
    }

    @Test func aMissingPortDoesNotStopAnotherSensor() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let missing = "\(dir.path)/ttyMISSING"
        let log = EventLog()
        let bad = SerialSensor(name: "bad", options: DriverRig.options(.sds011, port: missing)) { log.add($0) }
        let badTask = Task { try await bad.run() }
        let good = try DriverRig(.s8)
        let goodReads = await eventually { good.log.readings.count >= 2 }
        let badHealth = bad.status.health
        // The device appears later (adapter plugged in after boot): the bad sensor starts working.
        let late = try SerialEmulator(model: .sds011, path: missing)
        let badReads = await eventually { log.readings.count >= 1 }
        badTask.cancel()
        _ = try? await badTask.value
        late.stop()
        await good.finish()
        #expect(goodReads)
        #expect(badHealth.state == .unavailable && badHealth.reason == .deviceGone)
        #expect(badHealth.detail == "open(\(missing)): No such file or directory (errno 2)")
        #expect(badReads)
    }

    @Test func prepareRejectsWhatCannotWork() {
        var o = SerialSensorOptions(model: .sds011, port: "/dev/ttyUSB0")
        o.baud = 1234
        #expect(throws: SensorConfigurationError("sensor x: baud 1234 is not supported (9600, 19200, 38400, 57600, 115200)")) {
            try SerialSensor(name: "x", options: o) { _ in }.prepare()
        }
        o = SerialSensorOptions(model: .sds011, port: "ttyUSB0")
        #expect(throws: SensorConfigurationError.self) { try SerialSensor(name: "x", options: o) { _ in }.prepare() }
    }

    @Test func defaultsFollowTheModel() {
        let mhz = SerialSensorOptions(model: .mhz19b, port: "/dev/x")
        #expect(mhz.preheat == .seconds(180) && mhz.baud == 9600 && !mhz.sleepsBetweenReadings)
        var pm = SerialSensorOptions(model: .sps30, port: "/dev/x", interval: .seconds(300))
        #expect(pm.baud == 115_200 && pm.warmUp == .seconds(30) && pm.sleepsBetweenReadings)
        pm.interval = .seconds(30)
        #expect(!pm.sleepsBetweenReadings)
        #expect(SerialSensorOptions(model: .scd30, port: "/dev/x").baud == 19_200)
    }
}

@Suite struct S8MeterStatusTests {
    /// The S8 reports its own errors in the meter status register: while a
    /// flag is set its CO2 value is not delivered, the sensor is degraded
    /// with the flags named, the failure is counted as device_error; when
    /// the flag clears, readings resume.
    @Test func meterStatusErrorsWithholdTheValueAndNameTheFlags() async throws {
        let rig = try DriverRig(.s8) { _ in } driver: {
            $0.interval = .milliseconds(100)
            $0.replyTimeout = .milliseconds(200)
        }
        #expect(await eventually { rig.log.values("co2").contains(612) })
        rig.emulator.update {
            $0.meterStatus = 0x21  // fatal error, out of range
            $0.readings.co2 = 9999
        }
        let flagged = await eventually { rig.sensor.status.health.reason == .deviceError }
        let health = rig.sensor.status.health
        try await Task.sleep(for: .milliseconds(300))
        rig.emulator.update {
            $0.meterStatus = 0x80  // not an error bit
            $0.readings.co2 = 700
        }
        let back = await eventually { rig.log.values("co2").last == 700 && rig.sensor.status.health == .ok }
        await rig.finish()
        #expect(flagged)
        #expect(health.state != .ok)
        #expect(health.detail == "meter status 0x0021: fatal error, out of range", "\(health)")
        #expect(!rig.log.values("co2").contains(9999))
        #expect(rig.sensor.status.failures[.deviceError] >= 1)
        #expect(back)
    }

    @Test func capturedRepliesCarryTheStatusToo() throws {
        // FE 04 08, status 0000 0000 0000, CO2 0x0190 = 400 ppm, CRC.
        let clean = ModbusEncoder.readReply(address: 0xFE, function: 4, words: [0, 0, 0, 400])
        #expect(try SerialModel.s8.decodeCapture(clean).get() == [SensorValue("co2", 400, "ppm")])
        let failing = ModbusEncoder.readReply(address: 0xFE, function: 4, words: [0x01, 0, 0, 400])
        #expect(throws: (any Error).self) { try SerialModel.s8.decodeCapture(failing).get() }
        // CRC-16/MODBUS computed independently (the PROTOCOLS.md examples FE0400030001 -> D5C5 and FE0400000001 -> 25C5 check the same way).
        #expect(SenseairS8.readStatusAndCO2() == [0xFE, 0x04, 0x00, 0x00, 0x00, 0x04, 0xE5, 0xC6])
    }
}
