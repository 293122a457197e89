#if canImport(Glibc)
import Glibc
#endif
import StationCore
import StationSystem
import Synchronization

/// `stationctl mqtt test`: a round trip to the configured broker, step by
/// step, stopping at the first step that fails and saying why. It connects
/// with its own client id (`<client_id>-test-<pid>`, clean session), so the
/// running daemon's session is not disturbed.
public enum MQTTProbe {
    /// One step of the round trip.
    public struct Step: Sendable, Equatable {
        public var name: String
        public var ok: Bool
        public var detail: String
        public var milliseconds: Int
    }

    private struct Observed {
        var connected = false
        var failure: ConnectionFailure?
        var acknowledged: Set<Int32> = []
        var received = false
    }

    public static func run(_ options: UplinkOptions, timeout: Double = 10) -> [Step] {
        var steps: [Step] = []
        var started = MonotonicClock.nowNanos()
        func step(_ name: String, _ ok: Bool, _ detail: String) -> Bool {
            let now = MonotonicClock.nowNanos()
            steps.append(Step(name: name, ok: ok, detail: detail, milliseconds: Int((now - started) / 1_000_000)))
            started = now
            return ok
        }

        do {
            try options.validate()
        } catch {
            _ = step("configuration", false, "\(error)")
            return steps
        }
        do {
            try TCPSocket.probe(host: options.host, port: options.port, timeout: min(timeout, 10))
            _ = step("name resolution", true, options.host)
            _ = step("TCP connect", true, "\(options.host):\(options.port)")
        } catch {
            if error.call == "getaddrinfo" {
                _ = step("name resolution", false, "cannot resolve \(error.subject ?? options.host)")
            } else {
                _ = step("name resolution", true, options.host)
                _ = step("TCP connect", false, "\(options.host):\(options.port): \(error.reason)")
            }
            return steps
        }

        var connect: MQTTConnectOptions
        do {
            connect = try options.connectOptions(will: nil)
        } catch {
            _ = step("configuration", false, "\(error)")
            return steps
        }
        connect.clientID = "\(options.clientID)-test-\(getpid())"
        connect.cleanSession = true
        let topic = "\(options.topicPrefix)/\(options.stationID)/test/\(getpid())"
        let observed = Mutex(Observed())
        let events = MQTTClientEvents(
            connected: { _ in observed.withLock { $0.connected = true } },
            disconnected: { failure in observed.withLock { if let failure, $0.failure == nil { $0.failure = failure } } },
            published: { mid in observed.withLock { _ = $0.acknowledged.insert(mid) } },
            message: { message in if message.topic == topic { observed.withLock { $0.received = true } } })
        let client: MosquittoClient
        do {
            client = try MosquittoClient(options: connect, events: events, logger: Logger(label: "mqtt-test", handler: NoLogHandler(), threshold: LogThreshold(.error)))
            try client.start()
        } catch {
            _ = step("MQTT connect", false, "\(error)")
            return steps
        }
        defer { client.stop() }

        func wait(_ done: (Observed) -> Bool) -> Observed {
            let deadline = MonotonicClock.nowNanos() + UInt64(timeout * 1e9)
            while true {
                var now = observed.withLock { $0 }
                // A refused first attempt is not a disconnect of a link that
                // was up, so the client only records it.
                if now.failure == nil, !now.connected { now.failure = client.lastFailure }
                if done(now) || now.failure != nil || MonotonicClock.nowNanos() >= deadline { return now }
                usleep(10_000)
            }
        }

        let afterConnect = wait { $0.connected }
        if !afterConnect.connected {
            let failure = afterConnect.failure ?? ConnectionFailure(.network, "no CONNACK within \(Int(timeout)) s")
            switch failure.kind {
            case .tls: _ = step("TLS", false, failure.reason)
            case .authentication:
                if options.tls != nil { _ = step("TLS", true, "handshake and certificate accepted") }
                _ = step("authentication", false, failure.reason)
            default: _ = step("MQTT connect", false, failure.reason)
            }
            return steps
        }
        if options.tls != nil { _ = step("TLS", true, "handshake and certificate accepted") }
        _ = step("authentication", true, connect.username.map { "as \($0)" } ?? "anonymous")

        do {
            try client.subscribe(topic, qos: 1)
        } catch {
            _ = step("subscribe", false, "\(topic): \(error)")
            return steps
        }
        usleep(200_000)  // let the SUBSCRIBE reach the broker before our message does
        _ = step("subscribe", true, topic)

        let mid: Int32
        do {
            mid = try client.publish(MQTTMessage(topic: topic, payload: Array("stationctl mqtt test".utf8), qos: 1))
        } catch {
            _ = step("publish", false, "\(topic): \(error)")
            return steps
        }
        let afterPublish = wait { $0.acknowledged.contains(mid) }
        guard afterPublish.acknowledged.contains(mid) else {
            _ = step("publish", false, afterPublish.failure?.reason ?? "no PUBACK within \(Int(timeout)) s")
            return steps
        }
        _ = step("publish", true, "QoS 1, acknowledged")

        let afterReceive = wait { $0.received }
        _ = step(
            "round trip", afterReceive.received,
            afterReceive.received ? "our message came back" : "the broker did not deliver our message back within \(Int(timeout)) s (an ACL that forbids subscribing to our own topics?)")
        return steps
    }
}
