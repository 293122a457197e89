import StationCore
import StationMQTT
import StationSystem
import StationTesting
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Polls `condition` every 5 ms for up to `timeout` seconds.
func eventually(_ timeout: Double, _ condition: () -> Bool) -> Bool {
    let deadline = MonotonicClock.nowNanos() + UInt64(timeout * 1e9)
    while MonotonicClock.nowNanos() < deadline {
        if condition() { return true }
        usleep(5_000)
    }
    return condition()
}

/// A subscriber with a persistent QoS 1 session that records every message.
final class RecordingSubscriber: Sendable {
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
