import StationCore
import StationMQTT
import StationSystem
import StationTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Uplink delivery against a real broker", .serialized)
struct UplinkDeliveryTests {
    @Test("live readings reach a persistent QoS 1 subscriber: same set of ids, all acknowledged")
    func liveReadingsArrive() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let subscriber = try await RecordingSubscriber.ready(broker)
        defer { subscriber.stop() }

        let queue = MemoryUplinkQueue(idPrefix: "live")
        let running = try RunningUplink(Uplink(options: testOptions(broker), queue: queue, presence: testPresence, logger: quietLogger()))
        var sent: Set<String> = []
        for i in 0..<200 {
            sent.insert(queue.append(sampleReading(i)).id)
            running.uplink.readingsAvailable()
        }
        #expect(await eventually(10) { queue.acknowledgedCount == 200 })
        #expect(await eventually(5) { Set(readingIDs(in: subscriber.received)).isSuperset(of: sent) })
        #expect(Set(readingIDs(in: subscriber.received)) == sent)
        #expect(queue.leasedCount == 0)
        #expect(subscriber.received.contains { $0.topic.hasSuffix("/status") && $0.text.contains("\"online\"") })
        await running.stop()
        #expect(await eventually(5) { subscriber.received.last { $0.topic.hasSuffix("/status") }?.text.contains("offline") == true })
    }

    @Test("never more than the in-flight window is unacknowledged")
    func windowIsRespected() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let queue = MemoryUplinkQueue()
        for i in 0..<3000 { queue.append(sampleReading(i)) }
        var options = testOptions(broker)
        options.inFlightWindow = 5
        let running = try RunningUplink(Uplink(options: options, queue: queue, presence: testPresence, logger: quietLogger()))
        var worstInFlight = 0
        var worstLeased = 0
        let deadline = MonotonicClock.nowNanos() + 10_000_000_000
        while queue.acknowledgedCount < 3000 && MonotonicClock.nowNanos() < deadline {
            worstInFlight = max(worstInFlight, running.uplink.statistics.inFlight)
            worstLeased = max(worstLeased, queue.leasedCount)
            await Task.yield()
        }
        #expect(queue.acknowledgedCount == 3000)
        #expect(worstInFlight <= 5)
        #expect(worstInFlight > 0)
        // Leased = in flight + confirmed readings waiting for the next tick's
        // single acknowledge call: bounded by the window too, never by the queue.
        #expect(worstLeased <= 2 * 5)
        await running.stop()
    }
}

let testPresence = Presence(configHash: "fnv1a:0123abcd", bootID: "0123456789abcdef0123456789abcdef", startedAtNanos: 1_764_400_000_000_000_000)

@Suite("Uplink over MQTT 5")
struct UplinkMQTT5Tests {
    @Test("MQTT 5: readings delivered and acknowledged, birth and will set")
    func mqtt5() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let subscriber = try RecordingSubscriber(broker: broker, filter: "stations/#", clientID: "v5-subscriber")
        defer { subscriber.stop() }
        #expect(await eventually(5) { subscriber.client.isConnected })
        try await Task.sleep(for: .milliseconds(100))
        let queue = MemoryUplinkQueue(idPrefix: "v5")
        var options = testOptions(broker, station: "v5-station")
        options.protocolVersion = .v5
        let running = try RunningUplink(Uplink(options: options, queue: queue, presence: testPresence, logger: quietLogger()))
        for i in 0..<50 { queue.append(sampleReading(i)) }
        for i in 50..<80 { queue.append(sampleReading(i), live: false) }
        running.uplink.readingsAvailable()
        #expect(await eventually(5) { queue.acknowledgedCount == 80 })
        #expect(await eventually(5) { Set(readingIDs(in: subscriber.received)).count == 80 })
        #expect(subscriber.received.contains { $0.topic == "stations/v5-station/status" && $0.text.contains("online") })
        await running.stop()
    }
}

@Suite("Uplink and a broker's packet size limit")
struct UplinkPacketLimitTests {
    @Test("MQTT 5 broker with a small Maximum Packet Size: batches shrink until they fit, nothing is lost")
    func batchesShrink() async throws {
        let broker = try MosquittoBroker(extraConfig: ["max_packet_size 20000"])
        defer { broker.shutdown() }
        let queue = MemoryUplinkQueue(idPrefix: "big")
        for i in 0..<2000 { queue.append(sampleReading(i), live: false) }
        let log = MemoryLogHandler()
        var options = testOptions(broker, station: "limit-station")
        options.protocolVersion = .v5
        let running = try RunningUplink(Uplink(
            options: options, queue: queue, presence: testPresence,
            logger: Logger(label: "uplink", handler: log, threshold: LogThreshold(.info))))
        #expect(await eventually(10) { queue.acknowledgedCount == 2000 }, "\(log.recorded)")
        #expect(log.recorded.contains { $0.contains("batches now at most") })
        await running.stop()
    }

    @Test("MQTT 3.1.1 broker that drops the link on large packets: batches shrink after the drops, nothing is lost")
    func batchesShrinkAfterDrops() async throws {
        let broker = try MosquittoBroker(extraConfig: ["max_packet_size 20000"])
        defer { broker.shutdown() }
        let queue = MemoryUplinkQueue(idPrefix: "big3")
        for i in 0..<2000 { queue.append(sampleReading(i), live: false) }
        let log = MemoryLogHandler()
        let running = try RunningUplink(Uplink(
            options: testOptions(broker, station: "limit3-station"), queue: queue, presence: testPresence,
            logger: Logger(label: "uplink", handler: log, threshold: LogThreshold(.info))))
        #expect(await eventually(15) { queue.acknowledgedCount == 2000 }, "\(log.recorded)")
        #expect(log.recorded.contains { $0.contains("trying batches of at most") })
        await running.stop()
    }
}
