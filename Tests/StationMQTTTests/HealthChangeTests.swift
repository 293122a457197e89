import StationCore
import StationMQTT
import StationTesting
import Testing

/// The retained health message follows changes that matter without waiting
/// for `health_interval`: a station that just started reports its sensors
/// "not started", and the platform sees them come up within seconds.
@Suite(.serialized) struct HealthChangeTests {
    @Test func aSensorComingUpIsPublishedAtOnceTheQueueDepthAloneIsNot() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let subscriber = try await RecordingSubscriber.ready(broker, filter: "stations/+/health")
        defer { subscriber.stop() }
        var options = testOptions(broker, station: "health-st")
        options.healthInterval = .seconds(3600)
        let up = Locked(false)
        let depth = Locked(0)
        let health: @Sendable () -> UplinkHealth = {
            let ok = up.value
            return UplinkHealth(
                queueDepth: depth.value, clockSynchronized: true,
                sensors: [SensorHealth(name: "pm-entrance", healthy: ok, detail: ok ? nil : "not started")])
        }
        let running = try RunningUplink(Uplink(
            options: options, queue: MemoryUplinkQueue(idPrefix: "health"), presence: testPresence,
            logger: quietLogger(), health: health))
        func payloads() -> [String] { subscriber.received.map { String(decoding: $0.payload, as: UTF8.self) } }

        #expect(await eventually(5) { subscriber.count >= 1 })  // right after the connect
        #expect(payloads().first?.contains(#""detail":"not started""#) == true, "\(payloads())")
        depth.withLock { $0 = 42 }
        try await Task.sleep(for: .milliseconds(2500))
        #expect(subscriber.count == 1, "the queue depth alone published: \(payloads())")
        up.withLock { $0 = true }
        #expect(await eventually(4) { subscriber.count >= 2 })
        #expect(payloads().last?.contains(#""healthy":true"#) == true, "\(payloads())")
        #expect(payloads().last?.contains(#""queue_depth":42"#) == true)
        await running.stop()
    }
}
