import StationCore
import StationMQTT
import StationSystem
import StationTesting
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Polls `condition` every 5 ms for up to `timeout` seconds. Async, so a
/// waiting test does not hold one of the few cooperative threads the
/// uplink's own task needs.
func eventually(_ timeout: Double, _ condition: () -> Bool) async -> Bool {
    let deadline = MonotonicClock.nowNanos() + UInt64(timeout * 1e9)
    while MonotonicClock.nowNanos() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}

/// A subscriber with a persistent QoS 1 session that records every message.
final class RecordingSubscriber: Sendable {
    /// Subscribes to `filter` and returns once the subscription is in place.
    static func ready(_ broker: MosquittoBroker, filter: String = "stations/#") async throws -> RecordingSubscriber {
        let subscriber = try RecordingSubscriber(broker: broker, filter: filter)
        guard await eventually(5, { subscriber.client.isConnected }) else {
            subscriber.stop()
            throw BrokerError(message: "the test subscriber did not connect to \(broker.host):\(broker.port)")
        }
        try await Task.sleep(for: .milliseconds(100))
        return subscriber
    }

    let client: MosquittoClient
    let messages = Locked<[MQTTMessage]>([])

    init(broker: MosquittoBroker, filter: String, clientID: String = "test-subscriber-\(getpid())") throws {
        let box = Locked<MosquittoClient?>(nil)
        let messages = self.messages
        client = try MosquittoClient(
            options: MQTTConnectOptions(host: broker.host, port: broker.port, clientID: clientID, keepaliveSeconds: 5,
                                        backoff: Backoff(initial: .milliseconds(50), cap: .milliseconds(200))),
            events: MQTTClientEvents(
                connected: { _ in try? box.withLock { $0 }?.subscribe(filter, qos: 1) },
                message: { message in messages.withLock { $0.append(message) } }),
            logger: Logger(label: "subscriber", handler: NoLogHandler(), threshold: LogThreshold(.error)))
        box.withLock { $0 = client }
        try client.start()
    }

    var received: [MQTTMessage] { messages.value }
    var count: Int { messages.withLock { $0.count } }

    func stop() { client.stop() }
}

/// A value behind a lock that closures can share.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
    var value: Value { mutex.withLock { $0 } }
}

func quietLogger(_ label: String = "test") -> Logger {
    Logger(label: label, handler: NoLogHandler(), threshold: LogThreshold(.error))
}

/// A reading with a recognisable value.
func sampleReading(_ n: Int, sensor: String = "pm-entrance", quantity: String = "pm2_5") -> Reading {
    Reading(
        sensor: sensor, quantity: quantity, value: Double(n) + 0.5, unit: "ug/m3", kind: .sample,
        bootID: BootID(hex: "0123456789abcdef0123456789abcdef"), monotonicNanos: UInt64(n) * 1_000_000,
        wallNanos: 1_764_400_000_000_000_000 + Int64(n) * 1_000_000, timeTrust: n % 7 == 0 ? .corrected : .trusted)
}

/// Options for an uplink to a test broker, with fast reconnects.
func testOptions(_ broker: MosquittoBroker, station: String = "st-\(getpid())", keepalive: Duration = .seconds(5)) -> UplinkOptions {
    var options = UplinkOptions(host: broker.host, port: broker.port, stationID: station, keepalive: keepalive)
    options.reconnectMaxDelay = .milliseconds(500)
    options.backlogRate = 0
    return options
}

/// Runs an uplink in a task; `stop()` cancels it and waits for `run()` to end.
final class RunningUplink: Sendable {
    let uplink: Uplink
    private let task: Task<Void, any Error>

    init(_ uplink: Uplink) throws {
        try uplink.prepareClient()
        self.uplink = uplink
        task = Task { try await uplink.run() }
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

/// The ids in every reading message (live or batch) a subscriber received, with repeats.
func readingIDs(in messages: [MQTTMessage]) -> [String] {
    var ids: [String] = []
    for message in messages where message.topic.contains("/readings/") || message.topic.hasSuffix("/backlog") {
        // The payloads are ours: every "id":"..." is a reading id.
        let bytes = message.payload
        let needle = Array("\"id\":\"".utf8)
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i..<(i + needle.count)].elementsEqual(needle) {
                var end = i + needle.count
                while end < bytes.count && bytes[end] != 0x22 { end += 1 }
                ids.append(String(decoding: bytes[(i + needle.count)..<end], as: UTF8.self))
                i = end
            } else {
                i += 1
            }
        }
    }
    return ids
}
