import StationCore
import StationMQTT
import StationSystem
import StationTesting
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("MosquittoClient against a real broker")
struct MosquittoClientTests {
    @Test("publishes QoS 1, gets one PUBACK per message, a subscriber receives them")
    func roundTrip() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let subscriber = try RecordingSubscriber(broker: broker, filter: "t/#")
        defer { subscriber.stop() }
        #expect(await eventually(5) { subscriber.client.isConnected })
        try await Task.sleep(for: .microseconds(100_000))  // the SUBSCRIBE is on its way

        let acked = Locked<Set<Int32>>([])
        let publisher = try MosquittoClient(
            options: MQTTConnectOptions(host: broker.host, port: broker.port, clientID: "pub-roundtrip"),
            events: MQTTClientEvents(published: { mid in _ = acked.withLock { $0.insert(mid) } }),
            logger: quietLogger())
        defer { publisher.stop() }
        try publisher.start()
        #expect(await eventually(5) { publisher.isConnected })
        var mids: Set<Int32> = []
        for i in 0..<50 {
            mids.insert(try publisher.publish(MQTTMessage(topic: "t/\(i)", payload: Array("m\(i)".utf8))))
        }
        #expect(await eventually(5) { acked.value == mids })
        #expect(await eventually(5) { subscriber.count == 50 })
        #expect(Set(subscriber.received.map(\.text)) == Set((0..<50).map { "m\($0)" }))
    }

    @Test("publishing while disconnected throws instead of queueing in libmosquitto")
    func refusesWhileDown() throws {
        let port = try TCPSocket.freeLoopbackPort()
        let client = try MosquittoClient(
            options: MQTTConnectOptions(host: "127.0.0.1", port: port, clientID: "nobody"),
            events: MQTTClientEvents(), logger: quietLogger())
        #expect(throws: MQTTPublishError.notConnected) {
            try client.publish(MQTTMessage(topic: "t", payload: [1]))
        }
    }
}
