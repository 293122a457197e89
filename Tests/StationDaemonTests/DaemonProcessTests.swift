#if canImport(Glibc)
import Glibc
#endif
import StationStore
import StationSystem
import StationTesting
import Testing

/// `stationd` run as systemd would run it: a real process, a real notify socket.
@Suite(.serialized) struct DaemonProcessTests {
    static func config(_ dir: TemporaryDirectory, id: String = "test-1", extra: String = "") -> String {
        DaemonProcess.config(dir, id: id, extra: extra)
    }

    static func start(_ dir: TemporaryDirectory, config: String, environment: [String: String] = [:]) throws -> DaemonProcess {
        try DaemonProcess.start(dir, config: config, environment: environment)
    }

    @Test func readyWatchdogAndCleanStop() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = try dir.write("station.toml", Self.config(dir))
        let daemon = try Self.start(dir, config: config, environment: ["WATCHDOG_USEC": "200000"])
        defer { daemon.child.send(SIGKILL); _ = try? daemon.child.wait(timeout: 5) }

        let ready = try daemon.await("READY=1")
        #expect(ready != nil, "no READY=1; log:\n\(daemon.logText)")
        #expect(ready?.contains("STATUS=running station test-1") == true)
        #expect(FileSystem.isDirectory("\(dir.path)/data"))

        // WATCHDOG_USEC=200ms: a ping every 100 ms. Count for 1.5 s; the
        // bounds are wide because this checks the rate's order, not the timer.
        var pings = 0
        let until = MonotonicClock.nowNanos() + 1_500_000_000
        while MonotonicClock.nowNanos() < until {
            if let m = try daemon.notify.receive(timeout: 0.1), m == "WATCHDOG=1" { pings += 1 }
        }
        #expect((8...22).contains(pings), "watchdog pings in 1.5 s: \(pings)")

        daemon.child.send(SIGTERM)
        #expect(try daemon.await("STOPPING=1") != nil)
        #expect(try daemon.child.wait(timeout: 6) == .exited(0))
        #expect(daemon.logText.contains("watchdog armed: pinging every 0.1 seconds"))
    }

    @Test func journalPrioritiesWhenStderrIsTheJournal() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = try dir.write("station.toml", Self.config(dir))
        let daemon = try Self.start(dir, config: config, environment: ["JOURNAL_STREAM": "8:12345"])
        defer { daemon.child.send(SIGKILL); _ = try? daemon.child.wait(timeout: 5) }
        #expect(try daemon.await("READY=1") != nil)
        daemon.child.send(SIGTERM)
        #expect(try daemon.child.wait(timeout: 6) == .exited(0))
        let lines = daemon.logText.split(separator: "\n")
        #expect(lines.first?.hasPrefix("<6>stationd: stationd 0.1.0") == true)
        #expect(lines.contains("<6>stationd: stopped"))
        #expect(lines.allSatisfy { $0.hasPrefix("<") })
    }

    @Test func watchdogIsSilentWhenNotArmed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = try dir.write("station.toml", Self.config(dir))
        let daemon = try Self.start(dir, config: config)
        defer { daemon.child.send(SIGKILL); _ = try? daemon.child.wait(timeout: 5) }
        #expect(try daemon.await("READY=1") != nil)
        #expect(try daemon.notify.receive(timeout: 0.5) == nil)
        daemon.child.send(SIGINT)
        #expect(try daemon.child.wait(timeout: 6) == .exited(0))
    }

    /// SIGHUP with a broken file keeps the running configuration; with a good
    /// one it switches; the daemon stays up throughout.
    @Test func reloadRefusesBrokenConfigAndAppliesGoodOne() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = try dir.write("station.toml", Self.config(dir))
        let daemon = try Self.start(dir, config: config)
        defer { daemon.child.send(SIGKILL); _ = try? daemon.child.wait(timeout: 5) }
        #expect(try daemon.await("READY=1") != nil)

        try dir.write("station.toml", Self.config(dir, extra: "port = \"many\""))
        daemon.child.send(SIGHUP)
        #expect(try daemon.await("RELOADING=1") != nil)
        let kept = try daemon.await("READY=1")
        #expect(kept?.contains("STATUS=running station test-1") == true)
        #expect(daemon.logText.contains("\(config):9:8: error: mqtt.port: expected an integer, found a string"))
        #expect(daemon.logText.contains("reload refused"))

        try dir.write("station.toml", Self.config(dir, extra: "keepalive = \"60s\""))
        daemon.child.send(SIGHUP)
        #expect(try daemon.await("READY=1") != nil)
        #expect(daemon.logText.contains("reloaded: configuration hash"), "log:\n\(daemon.logText)")

        // Valid, but cannot start: the store on disk belongs to test-1. The
        // daemon rolls back and keeps running the old configuration.
        try dir.write("station.toml", Self.config(dir, id: "test-2"))
        daemon.child.send(SIGHUP)
        let rolledBack = try daemon.await("READY=1")
        #expect(rolledBack?.contains("STATUS=running station test-1") == true, "log:\n\(daemon.logText)")
        #expect(daemon.logText.contains("the new configuration failed to start; rolling back"))
        #expect(try daemon.child.poll() == nil)

        daemon.child.send(SIGTERM)
        #expect(try daemon.child.wait(timeout: 6) == .exited(0))
    }

    /// Two daemons on one data directory: the second refuses to start and
    /// names the holder, instead of two writers sharing one store.
    @Test func secondDaemonOnTheSameStoreRefusesToStart() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = try dir.write("station.toml", Self.config(dir))
        let first = try Self.start(dir, config: config)
        defer { first.child.send(SIGKILL); _ = try? first.child.wait(timeout: 5) }
        #expect(try first.await("READY=1") != nil)

        let secondLog = "\(dir.path)/second.log"
        let second = try ChildProcess.spawn(BuiltProducts.path("stationd"), ["--config", config], stderr: .file(secondLog))
        let ended = try second.wait(timeout: 10)
        if ended == nil { second.send(SIGKILL); _ = try? second.wait() }
        #expect(ended == .exited(1))
        let log = String(decoding: try FileSystem.readFile(secondLog), as: UTF8.self)
        #expect(log.contains("cannot start store: store locked"), "log:\n\(log)")
        #expect(log.contains("\(first.child.pid)"))
    }

    /// The data path inside the daemon: an emulated SDS011 on a pseudo-terminal
    /// read through the real driver, stamped and committed to the store, so
    /// that after a clean stop the readings are on disk.
    @Test func simulatedSensorReadingsReachTheStore() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = try dir.write("station.toml", Self.config(dir) + DaemonProcess.simulatedPM(dir))
        let daemon = try Self.start(dir, config: config)
        defer { daemon.child.send(SIGKILL); _ = try? daemon.child.wait(timeout: 5) }
        #expect(try daemon.await("READY=1") != nil)
        usleep(3_500_000)
        daemon.child.send(SIGTERM)
        #expect(try daemon.child.wait(timeout: 6) == .exited(0))

        let store = try Store.open(StoreOptions(directory: "\(dir.path)/data", stationID: "test-1", clock: try SystemClock()))
        defer { try? store.close() }
        let readings = try store.lease(max: 1000).map(\.reading)
        let pm25 = readings.filter { $0.sensor == "pm-test" && $0.quantity == "pm2_5" }
        #expect(pm25.count >= 2, "readings: \(readings.count); log:\n\(daemon.logText)")
        #expect(pm25.allSatisfy { $0.unit == "ug/m3" && $0.kind == .sample && (0.5...100).contains($0.value) })
        // The emulator's starting value, before the simulation moves it.
        #expect(pm25.first?.value == 5.5)
        #expect(Set(readings.map(\.quantity)) == ["pm2_5", "pm10"])
    }

    @Test func checkModeExitCodes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let good = try dir.write("good.toml", Self.config(dir))
        let ok = try ChildProcess.spawn(BuiltProducts.path("stationd"), ["--config", good, "--check"], stdout: .null)
        #expect(try ok.wait() == .exited(0))

        let bad = try dir.write("bad.toml", """
            [station]
            id = "has space"
            [mqtt]
            host = "127.0.0.1"
            port = 0
            colour = "red"
            """)
        let errors = "\(dir.path)/errors.txt"
        let refused = try ChildProcess.spawn(BuiltProducts.path("stationd"), ["--config", bad, "--check"], stderr: .file(errors))
        #expect(try refused.wait() == .exited(78))
        let lines = String(decoding: try FileSystem.readFile(errors), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines == [
            "\(bad):2:6: error: station.id: 'has space' is not a valid station id (letters, digits, '.', '_', '-'; 1 to 64 characters)",
            "\(bad):5:8: error: mqtt.port: 0 is out of range (1...65535)",
            "\(bad):6:1: error: mqtt.colour: unknown key",
            "stationd: \(bad): 3 error(s)",
        ])
    }

    @Test func simulatedBoardChecksAndVersionAndUsage() throws {
        let root = BuiltProducts.packageRoot()
        let check = try ChildProcess.spawn(BuiltProducts.path("stationd"), ["--config", "\(root)/board/sim/station.toml", "--check"], stdout: .null)
        #expect(try check.wait() == .exited(0))
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = "\(dir.path)/version"
        #expect(try ChildProcess.spawn(BuiltProducts.path("stationd"), ["--version"], stdout: .file(out)).wait() == .exited(0))
        let version = String(decoding: try FileSystem.readFile(out), as: UTF8.self)
        #expect(version.hasPrefix("stationd 0.1.0 (sqlite 3."))
        #expect(version.contains("libmosquitto 2."))
        #expect(try ChildProcess.spawn(BuiltProducts.path("stationd"), ["--frobnicate"], stderr: .null).wait() == .exited(64))
    }
}
