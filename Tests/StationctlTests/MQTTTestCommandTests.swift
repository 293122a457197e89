import StationSystem
import StationTesting
import Testing

/// `stationctl mqtt test` against a real broker: every step, and the first
/// failing one named.
@Suite(.serialized) struct MQTTTestCommandTests {
    @Test func roundTripPassesEveryStep() throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = try dir.write("station.toml", "[station]\nid = \"probe-1\"\n[mqtt]\nhost = \"127.0.0.1\"\nport = \(broker.port)\n")
        let r = try CommandResult.run(BuiltProducts.path("stationctl"), ["--config", config, "mqtt", "test"])
        #expect(r.status == .exited(0), "\(r.stdout)\(r.stderr)")
        let names = r.stdout.split(separator: "\n").map { $0.dropFirst(5).prefix(16).trimmingCharacters() }
        #expect(names == ["name resolution", "TCP connect", "authentication", "subscribe", "publish", "round trip"])
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("ok   ") })
    }

    @Test func wrongPasswordIsNamedAsTheFailingStep() throws {
        let broker = try MosquittoBroker(users: ["station": "right"])
        defer { broker.shutdown() }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let credentials = try dir.write("credentials", "station:wrong\n", permissions: 0o600)
        let config = try dir.write("station.toml", """
            [station]
            id = "probe-1"
            [mqtt]
            host = "127.0.0.1"
            port = \(broker.port)
            credentials_file = "\(credentials)"
            """)
        let r = try CommandResult.run(BuiltProducts.path("stationctl"), ["--config", config, "mqtt", "test", "--timeout", "5"])
        #expect(r.status == .exited(1))
        let last = r.stdout.split(separator: "\n").last ?? ""
        #expect(last.hasPrefix("FAIL authentication"), "\(r.stdout)")
    }

    @Test func nothingListeningIsATCPFailure() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let port = try TCPSocket.freeLoopbackPort()
        let config = try dir.write("station.toml", "[station]\nid = \"probe-1\"\n[mqtt]\nhost = \"127.0.0.1\"\nport = \(port)\n")
        let r = try CommandResult.run(BuiltProducts.path("stationctl"), ["--config", config, "mqtt", "test"])
        #expect(r.status == .exited(1))
        #expect(r.stdout.contains("FAIL TCP connect     127.0.0.1:\(port): Connection refused"))
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(self).trimmingTrailingSpaces
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
