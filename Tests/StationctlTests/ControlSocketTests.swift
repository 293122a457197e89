#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials
import StationDaemon
import StationSystem
import StationTesting
import Testing

/// `stationctl` against a real `stationd` through the real control socket.
@Suite(.serialized) struct ControlSocketTests {
    static func ctl(_ arguments: [String]) throws -> CommandResult {
        try CommandResult.run(BuiltProducts.path("stationctl"), arguments)
    }

    static func startDaemon(_ dir: TemporaryDirectory) throws -> (DaemonProcess, config: String, socket: String) {
        let config = try dir.write("station.toml", DaemonProcess.config(dir))
        let daemon = try DaemonProcess.start(dir, config: config)
        guard try daemon.await("READY=1") != nil else { throw ControlFailure("test", "no READY=1:\n\(daemon.logText)") }
        return (daemon, config, "\(dir.path)/control.sock")
    }

    @Test func statusInHumanAndJSONForm() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (daemon, config, socket) = try Self.startDaemon(dir)
        defer { daemon.kill() }

        let human = try Self.ctl(["--config", config, "status"])
        #expect(human.status == .exited(0), "\(human.stderr)")
        let lines = human.stdout.split(separator: "\n")
        #expect(lines.first == "station   test-1 (test-1)")
        #expect(lines.contains { $0.hasPrefix("queue     0 readings, ") })
        #expect(lines.contains { $0.hasPrefix("at risk   kill ") && $0.contains(", power cut ") })
        #expect(lines.contains { $0.hasPrefix("version   ") && $0.hasSuffix(" in memory") })
        #expect(lines.allSatisfy { $0.count <= 80 })

        let json = try Self.ctl(["--socket", socket, "status", "--json"])
        #expect(json.status == .exited(0))
        let report = try JSONDecoder().decode(StatusReport.self, from: Data(json.stdout.utf8))
        #expect(report.station == "test-1")
        #expect(report.version == "0.1.0")
        #expect(report.configFiles == [config])
        #expect(report.queue?.depth == 0)
        // The default interval sync: the power-cut window is measured (nil only with sync = "os").
        #expect(report.queue?.maxUnsyncedSeconds != nil)
        // stationd's own resident memory: a few MB, not zero, not hundreds.
        #expect(report.residentBytes.map { $0 > 1 << 20 && $0 < 256 << 20 } == true, "\(String(describing: report.residentBytes))")
        #expect(report.clock.bootID.count == 32)
    }

    @Test func daemonNotRunningIsExit69WithAHint() throws {
        let r = try Self.ctl(["--socket", "/nonexistent/control.sock", "status"])
        #expect(r.status == .exited(69))
        #expect(r.stderr == "stationctl: stationd is not running (no control socket at /nonexistent/control.sock); start it with: systemctl start stationd\n")
    }

    /// Even with the socket file opened to everyone, the daemon checks the
    /// peer's credentials: a user who is neither root nor in the group is refused.
    @Test(.enabled(if: getuid() == 0, "needs root to run a client as another user"))
    func userOutsideTheGroupIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (daemon, _, socket) = try Self.startDaemon(dir)
        defer { daemon.kill() }
        #expect(chmod(dir.path, 0o755) == 0)
        #expect(chmod(socket, 0o666) == 0)
        let r = try CommandResult.run("setpriv", [
            "--reuid=65534", "--regid=65534", "--clear-groups", BuiltProducts.path("stationctl"), "--socket", socket, "status",
        ])
        #expect(r.status == .exited(77), "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("permission denied: root or members of group 'stationd' only"))
        #expect(daemon.logText.contains("control socket: refused uid 65534"))
    }

    @Test func configApplyGoodBadAndRolledBack() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (daemon, config, _) = try Self.startDaemon(dir)
        defer { daemon.kill() }

        // Valid: applied, and the daemon runs it.
        let good = try dir.write("good.toml", DaemonProcess.config(dir, extra: "keepalive = \"45s\""))
        let applied = try Self.ctl(["--config", config, "config", "apply", good])
        #expect(applied.status == .exited(0), "\(applied.stderr)")
        #expect(applied.stdout.contains("applied to \(config): applied"))
        #expect(try FileSystem.readFile(config) == FileSystem.readFile(good))
        let shown = try Self.ctl(["--config", config, "config", "show"])
        #expect(shown.stdout.contains("keepalive = \"45s\""))

        // Invalid: refused before anything changes.
        let bad = try dir.write("bad.toml", DaemonProcess.config(dir, extra: "port = 0"))
        let refused = try Self.ctl(["--config", config, "config", "apply", bad])
        #expect(refused.status == .exited(78))
        #expect(refused.stderr.hasPrefix("\(bad):9:8: error: mqtt.port: 0 is out of range (1...65535)"))
        #expect(try FileSystem.readFile(config) == FileSystem.readFile(good))

        // Valid but cannot start (the store belongs to test-1): stationd rolls
        // back, and so does the file.
        let foreign = try dir.write("foreign.toml", DaemonProcess.config(dir, id: "test-2"))
        let rolledBack = try Self.ctl(["--config", config, "config", "apply", foreign])
        #expect(rolledBack.status == .exited(1))
        #expect(rolledBack.stderr.contains("store belongs to station"), "\(rolledBack.stderr)")
        #expect(rolledBack.stderr.contains("did not take \(foreign) (rolled back)"))
        #expect(try FileSystem.readFile(config) == FileSystem.readFile(good))
        let status = try Self.ctl(["--config", config, "status", "--json"])
        #expect(status.stdout.contains("\"station\":\"test-1\""))
    }

    /// A client that never reads and a flood of 100 simultaneous clients do
    /// not stall the daemon; an oversized request is refused.
    @Test func slowAndManyClientsDoNotStallTheDaemon() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (daemon, config, socket) = try Self.startDaemon(dir)
        defer { daemon.kill() }

        let request = encodeLine(ControlRequest(command: "status"))
        let silent = try UnixStreamConnection.connect(to: socket)
        try silent.setTimeouts(receive: 1, send: 0.2)
        for _ in 0..<2000 {
            do { try silent.write(request) } catch { break }  // its buffers fill up; we never read
        }

        let clients = try (0..<100).map { _ in try UnixStreamConnection.connect(to: socket) }
        for client in clients {
            try client.setTimeouts(receive: 10, send: 10)
            try client.write(request)
        }
        var answered = 0
        for client in clients {
            if let line = try client.readLine(limit: 1 << 20),
                let response = try? decodeLine(ControlResponse<StatusReport>.self, from: line), response.ok
            {
                answered += 1
            }
        }
        #expect(answered == 100)

        let huge = try UnixStreamConnection.connect(to: socket)
        try huge.setTimeouts(receive: 10, send: 10)
        try? huge.write([UInt8](repeating: 0x61, count: ControlProtocol.maxRequestBytes + 10_000))
        let answer = try huge.readLine(limit: 1 << 20).map { String(decoding: $0, as: UTF8.self) }
        #expect(answer?.contains("request longer than 65536 bytes") == true)

        let after = try Self.ctl(["--config", config, "status"])
        #expect(after.status == .exited(0))
        _ = silent
    }

    @Test func sensorsWatchStreamsReadingsAsTheyAreStored() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = try dir.write("station.toml", DaemonProcess.config(dir) + DaemonProcess.simulatedPM(dir))
        let daemon = try DaemonProcess.start(dir, config: config)
        defer { daemon.kill() }
        #expect(try daemon.await("READY=1") != nil)
        let out = "\(dir.path)/watch.out"
        let watch = try ChildProcess.spawn(
            BuiltProducts.path("stationctl"), ["--config", config, "sensors", "watch", "pm-test", "--json"], stdout: .file(out))
        usleep(3_000_000)
        watch.send(SIGINT)
        #expect(try watch.wait(timeout: 5) == .signalled(SIGINT))
        let lines = String(decoding: try FileSystem.readFile(out), as: UTF8.self).split(separator: "\n")
        let readings = lines.compactMap { try? JSONDecoder().decode(WatchedReading.self, from: Data($0.utf8)) }
        #expect(readings.count == lines.count)
        #expect(readings.filter { $0.quantity == "pm2_5" }.count >= 2, "\(lines)")
        #expect(readings.allSatisfy { $0.sensor == "pm-test" && $0.unit == "ug/m3" && $0.time.hasSuffix("Z") })
        // The watcher went away; the daemon goes on.
        #expect(try Self.ctl(["--config", config, "status"]).status == .exited(0))
    }

    /// With no broker, readings stay in the queue: peek at them, export them,
    /// then purge them, which asks for --yes first.
    @Test func queuePeekExportAndPurge() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = try dir.write("station.toml", DaemonProcess.config(dir, extra: "port = 1") + DaemonProcess.simulatedPM(dir))
        let daemon = try DaemonProcess.start(dir, config: config)
        defer { daemon.kill() }
        #expect(try daemon.await("READY=1") != nil)
        usleep(3_000_000)

        let peek = try Self.ctl(["--config", config, "queue", "peek", "3", "--json"])
        #expect(peek.status == .exited(0))
        let peeked = try peek.stdout.split(separator: "\n").map { try JSONDecoder().decode(QueuedReading.self, from: Data($0.utf8)) }
        #expect(peeked.map(\.sequence) == [1, 2, 3])
        #expect(peeked.allSatisfy { $0.id.hasPrefix("test-1:") && $0.sensor == "pm-test" })

        let all = "\(dir.path)/export.jsonl"
        let exported = try Self.ctl(["--config", config, "queue", "export", "--to", all, "--since", "1h"])
        #expect(exported.status == .exited(0), "\(exported.stderr)")
        let lines = String(decoding: try FileSystem.readFile(all), as: UTF8.self).split(separator: "\n")
        #expect(lines.count >= 4)
        #expect(exported.stdout == "\(lines.count) readings written to \(all)\n")
        let future = try Self.ctl(["--config", config, "queue", "export", "--to", "\(dir.path)/none.jsonl", "--since", "2200-01-01T00:00:00Z"])
        #expect(future.stdout.hasPrefix("0 readings written"))
        #expect(try Self.ctl(["--config", config, "queue", "export", "--to", all, "--since", "yesterday"]).status == .exited(64))

        let unconfirmed = try Self.ctl(["--config", config, "queue", "purge"])
        #expect(unconfirmed.status == .exited(64))
        #expect(unconfirmed.stderr.contains("this would delete"))
        #expect(unconfirmed.stderr.contains("nothing was deleted"))
        let purged = try Self.ctl(["--config", config, "queue", "purge", "--yes"])
        #expect(purged.status == .exited(0))
        #expect(purged.stdout.hasPrefix("purged "))
        let stats = try JSONDecoder().decode(QueueReport.self, from: Data(try Self.ctl(["--config", config, "queue", "stats", "--json"]).stdout.utf8))
        #expect((stats.evicted["purged"] ?? 0) >= UInt64(lines.count))
        #expect(stats.depth <= 2)  // a reading or two may have arrived since
        // After 3 s of committing: what stationd writes to storage is measured.
        #expect(stats.writtenPerSecond != nil)
        let text = try Self.ctl(["--config", config, "queue", "stats"]).stdout
        #expect(text.contains("disk      stationd writes "), "\(text)")
    }

    @Test func unknownCommandAndVersionMismatchAreClearErrors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (daemon, _, socket) = try Self.startDaemon(dir)
        defer { daemon.kill() }
        let c = try UnixStreamConnection.connect(to: socket)
        try c.setTimeouts(receive: 10, send: 10)
        try c.write(Array("{\"v\":1,\"command\":\"frobnicate\",\"arguments\":{}}\n".utf8))
        let unknown = try c.readLine(limit: 1 << 16).map { String(decoding: $0, as: UTF8.self) }
        #expect(unknown?.contains("\"code\":\"unknown_command\"") == true)
        try c.write(Array("{\"v\":9,\"command\":\"status\",\"arguments\":{}}\n".utf8))
        let version = try c.readLine(limit: 1 << 16).map { String(decoding: $0, as: UTF8.self) }
        #expect(version?.contains("protocol version 9 is not supported") == true)
        try c.write(Array("not json\n".utf8))
        let garbage = try c.readLine(limit: 1 << 16).map { String(decoding: $0, as: UTF8.self) }
        #expect(garbage?.contains("\"code\":\"bad_request\"") == true)
    }
}
