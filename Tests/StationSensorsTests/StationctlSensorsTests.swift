#if canImport(Glibc)
import Glibc
#endif
import StationSensors
import StationSystem
import StationTesting
import Testing

/// `stationctl sensors ...` as a technician runs it: exit codes and output are the contract.
@Suite struct StationctlSensorsTests {
    struct Run {
        var status: ChildProcess.Termination
        var out: String
        var err: String
    }

    func stationctl(_ arguments: [String]) throws -> Run {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let child = try ChildProcess.spawn(
            BuiltProducts.path("stationctl"), arguments, stdout: .file("\(dir.path)/out"), stderr: .file("\(dir.path)/err"))
        let status = try child.wait()
        func text(_ name: String) throws -> String { String(decoding: try FileSystem.readFile("\(dir.path)/\(name)"), as: UTF8.self) }
        return Run(status: status, out: try text("out"), err: try text("err"))
    }

    @Test func decodePrintsReadingsAsJSON() throws {
        let run = try stationctl(["sensors", "decode", "sds011", "AA C0 D4 04 3A 0A", "A1601DAB"])
        #expect(run.status == .exited(0))
        #expect(run.out == """
            {"model": "sds011", "readings": [{"quantity": "pm2_5", "value": 123.6, "unit": "ug/m3"}, {"quantity": "pm10", "value": 261.8, "unit": "ug/m3"}]}

            """)
        let co2 = try stationctl(["sensors", "decode", "mhz19b", "FF86027C42000000BA"])
        #expect(co2.out == "{\"model\": \"mhz19b\", \"readings\": [{\"quantity\": \"co2\", \"value\": 636, \"unit\": \"ppm\"}]}\n")
    }

    @Test func badFramesExit65WithTheReason() throws {
        let checksum = try stationctl(["sensors", "decode", "s8", "FE04020190ACD9"])
        #expect(checksum.status == .exited(65))
        #expect(checksum.err == "stationctl: bad checksum in the s8 frame\n")
        #expect(checksum.out.isEmpty)
        let short = try stationctl(["sensors", "decode", "pms5003", "424D001C0000"])
        #expect(short.status == .exited(65))
        #expect(short.err == "stationctl: a pms5003 frame is 32 bytes, got 6\n")
    }

    @Test func usageErrorsExit64() throws {
        #expect(try stationctl(["sensors", "decode", "sds012", "AA"]).status == .exited(64))
        #expect(try stationctl(["sensors", "decode", "sds011", "AZ"]).status == .exited(64))
        #expect(try stationctl(["sensors", "probe", "sds011"]).status == .exited(64))
    }

    @Test func probeReadsAnEmulatedSensorAndNamesAMissingPort() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let emulator = try SerialEmulator(model: .scd30, path: "\(dir.path)/ttySCD") { $0.period = .milliseconds(50) }
        defer { emulator.stop() }
        let run = try stationctl(["sensors", "probe", "scd30", emulator.path, "--timeout", "1"])
        #expect(run.status == .exited(0), "\(run.err)")
        #expect(run.out.contains("{\"quantity\": \"co2\", \"value\": 612, \"unit\": \"ppm\"}"))
        #expect(run.out.contains("{\"quantity\": \"temperature\", \"value\": 21.5, \"unit\": \"degC\"}"))
        let missing = try stationctl(["sensors", "probe", "s8", "\(dir.path)/ttyNONE"])
        #expect(missing.status == .exited(69))
        #expect(missing.err == "stationctl: \(dir.path)/ttyNONE: open(\(dir.path)/ttyNONE): No such file or directory (errno 2) [device_gone]\n")
    }

    @Test func probeReportsASilentSensorAsATimeout() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let emulator = try SerialEmulator(model: .mhz19b, path: "\(dir.path)/ttyMH") { $0.fault = .silent }
        defer { emulator.stop() }
        var options = SerialSensorOptions(model: .mhz19b, port: emulator.path)
        options.replyTimeout = .milliseconds(100)
        #expect(throws: SensorProbeError(reason: .timeout, description: "no answer within 0.1 seconds")) {
            _ = try SerialSensor.probe(options)
        }
    }
}
