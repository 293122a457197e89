import StationCore
import StationMQTT
import StationSystem
import StationTesting
import Testing

@Suite("Uplink on a black-holed link")
struct UplinkBlackholeTests {
    // SIGSTOP on the broker: the kernel keeps the TCP connection up and
    // accepts new ones, but nothing is ever answered; no RST, no FIN. It takes
    // ~15 s because libmosquitto's smallest keepalive is 5 s.
    @Test("an idle healthy link stays up; a silent one is dropped within 1.5 x keepalive and retried")
    func silentBrokerIsDetected() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let queue = MemoryUplinkQueue()
        var options = testOptions(broker, keepalive: .seconds(5))
        options.connectTimeout = .seconds(2)
        let log = MemoryLogHandler()
        let running = try RunningUplink(Uplink(
            options: options, queue: queue, presence: testPresence,
            logger: Logger(label: "uplink", handler: log, threshold: LogThreshold(.info))))
        #expect(await eventually(5) { running.uplink.isConnected })

        // Idle for longer than 1.5 x keepalive: PINGREQ/PINGRESP keep it alive.
        try await Task.sleep(for: .milliseconds(7_800))
        #expect(running.uplink.isConnected)
        #expect(running.uplink.statistics.silentLinks == 0, "\(log.recorded)")
        #expect(running.uplink.statistics.connects == 1)

        broker.pause()
        let pausedAt = MonotonicClock.nowNanos()
        queue.append(sampleReading(1))
        running.uplink.readingsAvailable()
        #expect(await eventually(9) { running.uplink.statistics.silentLinks == 1 })
        let detected = Double(MonotonicClock.nowNanos() - pausedAt) / 1e9
        print("black-holed link detected after \(detected) s (keepalive 5 s)")
        #expect(detected <= 7.5, "detected after \(detected) s")
        #expect(!running.uplink.isConnected)
        // Reconnect attempts go on (each times out waiting for CONNACK).
        #expect(await eventually(4) { running.uplink.statistics.failures >= 2 })
        #expect(log.recorded.contains { $0.contains("link presumed dead") })

        broker.resume()
        #expect(await eventually(5) { queue.acknowledgedCount == 1 })
        await running.stop()
    }
}

@Suite("Uplink against a silent TLS broker")
struct UplinkSilentTLSTests {
    // The kernel completes the TCP handshake for a stopped process, so the
    // connect succeeds and the TLS handshake then waits for an answer that
    // never comes: the attempt must time out, not hang the network thread.
    @Test("a TLS handshake that never completes times out, is retried, and stop() still works")
    func silentTLSHandshake() async throws {
        let pki = try TestCertificates()
        defer { pki.remove() }
        let broker = try MosquittoBroker(tls: .init(
            caFile: pki.caFile, certFile: pki.serverCertFile, keyFile: pki.serverKeyFile, requireClientCertificate: false))
        defer { broker.shutdown() }
        broker.pause()
        var options = testOptions(broker)
        options.tls = MQTTTLSOptions(caFile: pki.caFile)
        options.connectTimeout = .seconds(1)
        let queue = MemoryUplinkQueue()
        let running = try RunningUplink(Uplink(options: options, queue: queue, presence: testPresence, logger: quietLogger()))
        #expect(await eventually(6) { running.uplink.statistics.failures >= 2 })
        #expect(!running.uplink.isConnected)
        // publish paths must not block behind a stuck connect
        queue.append(sampleReading(1))
        running.uplink.readingsAvailable()
        broker.resume()
        #expect(await eventually(6) { queue.acknowledgedCount == 1 })
        let stopStart = MonotonicClock.nowNanos()
        await running.stop()
        #expect(MonotonicClock.nowNanos() - stopStart < 5_000_000_000)
    }
}
