import StationCore
import StationMQTT
import StationSystem
import StationTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Uplink TLS and credentials", .serialized)
struct UplinkSecurityTests {
    @Test("mutual TLS with certificates made now: readings arrive")
    func mutualTLS() async throws {
        let pki = try TestCertificates()
        defer { pki.remove() }
        let broker = try MosquittoBroker(tls: .init(
            caFile: pki.caFile, certFile: pki.serverCertFile, keyFile: pki.serverKeyFile, requireClientCertificate: true))
        defer { broker.shutdown() }
        let queue = MemoryUplinkQueue()
        var options = testOptions(broker)
        options.tls = MQTTTLSOptions(caFile: pki.caFile, certFile: pki.clientCertFile, keyFile: pki.clientKeyFile)
        let running = try RunningUplink(Uplink(options: options, queue: queue, presence: testPresence, logger: quietLogger()))
        for i in 0..<20 { queue.append(sampleReading(i)) }
        running.uplink.readingsAvailable()
        #expect(await eventually(5) { queue.acknowledgedCount == 20 }, "broker log: \(broker.log)")
        await running.stop()
    }

    @Test("a broker certificate from another CA is refused, once, with a clear error")
    func wrongCA() async throws {
        let pki = try TestCertificates()
        defer { pki.remove() }
        let broker = try MosquittoBroker(tls: .init(
            caFile: pki.caFile, certFile: pki.serverCertFile, keyFile: pki.serverKeyFile, requireClientCertificate: false))
        defer { broker.shutdown() }
        let log = MemoryLogHandler()
        var options = testOptions(broker)
        options.tls = MQTTTLSOptions(caFile: pki.otherCAFile)
        let running = try RunningUplink(Uplink(
            options: options, queue: MemoryUplinkQueue(), presence: testPresence,
            logger: Logger(label: "uplink", handler: log, threshold: LogThreshold(.info))))
        #expect(await eventually(5) { running.uplink.statistics.failures >= 3 })
        await running.stop()
        #expect(!running.uplink.isConnected)
        let errors = log.recorded.filter { $0.hasPrefix("error") }
        #expect(errors.count == 1, "\(log.recorded)")
        print("wrong CA reported as: \(errors.first ?? "")")
        #expect(errors.first?.contains("TLS") == true)
        #expect(errors.first?.contains("certificate") == true, "\(errors)")
    }

    @Test("a broker that requires a client certificate refuses a station without one, with a clear error")
    func missingClientCertificate() async throws {
        let pki = try TestCertificates()
        defer { pki.remove() }
        let broker = try MosquittoBroker(tls: .init(
            caFile: pki.caFile, certFile: pki.serverCertFile, keyFile: pki.serverKeyFile, requireClientCertificate: true))
        defer { broker.shutdown() }
        let log = MemoryLogHandler()
        var options = testOptions(broker)
        options.tls = MQTTTLSOptions(caFile: pki.caFile)
        let running = try RunningUplink(Uplink(
            options: options, queue: MemoryUplinkQueue(), presence: testPresence,
            logger: Logger(label: "uplink", handler: log, threshold: LogThreshold(.info))))
        #expect(await eventually(5) { running.uplink.statistics.failures >= 3 })
        await running.stop()
        let reported = log.recorded.filter { $0.hasPrefix("error") || $0.hasPrefix("warning") }
        print("missing client certificate reported as: \(reported.first ?? "")")
        #expect(reported.count == 1, "\(log.recorded)")
        #expect(reported.first?.hasPrefix("error") == true)
        #expect(reported.first?.contains("TLS") == true && reported.first?.contains("client certificate") == true, "\(reported)")
    }

    @Test("bad credentials: one clear error, then quiet backoff, no busy loop")
    func badCredentials() async throws {
        let broker = try MosquittoBroker(users: ["station": "right-password"])
        defer { broker.shutdown() }
        let files = try TemporaryDirectory()
        defer { files.remove() }
        let credentials = try files.write("credentials", "station:wrong-password\n", permissions: 0o600)
        let log = MemoryLogHandler()
        var options = testOptions(broker)
        options.credentialsFile = credentials
        options.reconnectMaxDelay = .seconds(1)
        let running = try RunningUplink(Uplink(
            options: options, queue: MemoryUplinkQueue(), presence: testPresence,
            logger: Logger(label: "uplink", handler: log, threshold: LogThreshold(.info))))
        try await Task.sleep(for: .seconds(3))
        let attempts = running.uplink.statistics.failures
        await running.stop()
        // Backoff 0.25 s doubling to a 1 s cap (with jitter): about 4 to 8 attempts in 3 s, not hundreds.
        #expect(attempts >= 2 && attempts <= 10, "attempts: \(attempts)")
        let errors = log.recorded.filter { $0.hasPrefix("error") }
        #expect(errors.count == 1, "\(log.recorded)")
        print("bad credentials reported as: \(errors.first ?? "")")
        // mosquitto 2.0 answers a wrong password with CONNACK 5 (not authorised).
        let error = errors.first ?? ""
        #expect(error.contains("refused the connection") && (error.contains("not authorised") || error.contains("bad user name")), "\(errors)")
        #expect(errors.first?.contains("credentials_file") == true)
    }

    @Test("a world-readable credentials file is refused before connecting")
    func worldReadableCredentials() throws {
        let files = try TemporaryDirectory()
        defer { files.remove() }
        let path = try files.write("credentials", "station:secret\n", permissions: 0o644)
        #expect(throws: UplinkError.credentials(path, "is readable by everyone (mode 644); run: chmod 600 \(path)")) {
            try Credentials.load(path)
        }
        var options = UplinkOptions(host: "127.0.0.1", stationID: "s1")
        options.credentialsFile = path
        let uplink = Uplink(options: options, queue: MemoryUplinkQueue(), presence: testPresence, logger: quietLogger())
        #expect(throws: UplinkError.self) { try uplink.prepareClient() }
    }

    @Test("credentials: first line, password may hold ':', CRLF tolerated, malformed refused")
    func credentialsParsing() throws {
        let files = try TemporaryDirectory()
        defer { files.remove() }
        let good = try files.write("a", "user:pa:ss\r\nignored\n", permissions: 0o600)
        #expect(try Credentials.load(good) == Credentials(username: "user", password: "pa:ss"))
        let noColon = try files.write("b", "justaname\n", permissions: 0o640)
        #expect(throws: UplinkError.self) { try Credentials.load(noColon) }
        let noUser = try files.write("c", ":password\n", permissions: 0o600)
        #expect(throws: UplinkError.self) { try Credentials.load(noUser) }
        #expect(throws: UplinkError.self) { try Credentials.load("\(files.path)/missing") }
    }
}
