import StationCore
import StationTesting
import Testing

@testable import StationMQTT

@Suite("Backoff, rate cap, options, queue contract")
struct PolicyTests {
    @Test("backoff doubles from the initial delay to the cap; jitter keeps it within [ceiling/2, ceiling]")
    func backoff() {
        let b = Backoff(initial: .milliseconds(250), cap: .seconds(10))
        #expect(b.ceiling(attempt: 0) == .milliseconds(250))
        #expect(b.ceiling(attempt: 1) == .milliseconds(500))
        #expect(b.ceiling(attempt: 5) == .seconds(8))
        #expect(b.ceiling(attempt: 6) == .seconds(10))
        #expect(b.ceiling(attempt: 1000) == .seconds(10))
        #expect(b.delay(attempt: 6, random: 0) == .seconds(5))
        #expect(b.delay(attempt: 6, random: 1) == .seconds(10))
        let spread = Set((0..<50).map { _ in b.delay(attempt: 8) })
        #expect(spread.count > 10)  // a fleet does not retry in lockstep
        #expect(spread.allSatisfy { $0 >= .seconds(5) && $0 <= .seconds(10) })
    }

    @Test("rate limiter: burst, then refill at the rate; zero means no limit")
    func rateLimiter() {
        var limiter = RateLimiter(perSecond: 1000, burst: 100, nowNanos: 0)
        #expect(limiter.available(nowNanos: 0) == 100)
        limiter.consume(100)
        #expect(limiter.available(nowNanos: 0) == 0)
        #expect(limiter.available(nowNanos: 50_000_000) == 50)
        #expect(limiter.available(nowNanos: 10_000_000_000) == 100)
        var unlimited = RateLimiter(perSecond: 0, burst: 1, nowNanos: 0)
        unlimited.consume(1_000_000)
        #expect(unlimited.available(nowNanos: 0) == .max)
    }

    @Test("options: defaults are valid; each bad value is named by its config key")
    func options() throws {
        let good = UplinkOptions(host: "broker.example.org", stationID: "st-1")
        try good.validate()
        #expect(good.clientID == "st-1")
        #expect(good.inFlightWindow == 20)
        #expect(good.reconnectMaxDelay <= .seconds(10))
        #expect(good.backlogWindow == 16)
        func key(_ change: (inout UplinkOptions) -> Void) -> String {
            var o = good
            change(&o)
            do {
                try o.validate()
                return "valid"
            } catch {
                return String(error.description.prefix { $0 != ":" })
            }
        }
        #expect(key { $0.port = 0 } == "mqtt.port")
        #expect(key { $0.keepalive = .seconds(2) } == "mqtt.keepalive")
        #expect(key { $0.stationID = "a/b" } == "station.id")
        #expect(key { $0.topicPrefix = "city/+/x" } == "mqtt.topic_prefix")
        #expect(key { $0.topicPrefix = "city//x" } == "mqtt.topic_prefix")
        #expect(key { $0.inFlightWindow = 0 } == "mqtt.in_flight")
        #expect(key { $0.batchMaxBytes = 10 } == "mqtt.batch_max_bytes")
        #expect(key { $0.backlogRate = -1 } == "mqtt.backlog_rate")
        #expect(key { $0.tls = MQTTTLSOptions(certFile: "c.pem") } == "mqtt.tls")
        #expect(key { $0.topicPrefix = "city/mobility" } == "valid")
    }

    @Test("memory queue: lease marks, acknowledge forgets, return gives back in order")
    func memoryQueue() {
        let queue = MemoryUplinkQueue(idPrefix: "q")
        for i in 0..<5 { queue.append(sampleReading(i)) }
        for i in 5..<8 { queue.append(sampleReading(i), live: false) }
        let live = queue.leaseLive(max: 3)
        #expect(live.map(\.id) == ["q:1", "q:2", "q:3"])
        #expect(queue.leaseBacklog(max: 10).map(\.id) == ["q:6", "q:7", "q:8"])
        queue.acknowledge([live[1].handle])
        #expect(queue.acknowledgedCount == 1)
        queue.returnLeases()
        #expect(queue.leasedCount == 0)
        #expect(queue.leaseLive(max: 10).map(\.id) == ["q:1", "q:3", "q:4", "q:5"])
        #expect(queue.leaseBacklog(max: 10).map(\.id) == ["q:6", "q:7", "q:8"])
        #expect(queue.pendingCount == 0)
    }

    @Test("failures read as plain words: CONNACK codes and TLS text")
    func failureWording() {
        let auth = MosquittoCodes.refusal(code: 4, v5: false, host: "h", port: 1)
        #expect(auth.kind == .authentication && auth.reason.contains("bad user name or password"))
        let v5 = MosquittoCodes.refusal(code: 0x87, v5: true, host: "h", port: 1)
        #expect(v5.kind == .authentication && v5.reason.contains("Not authorized"))
        let unavailable = MosquittoCodes.refusal(code: 3, v5: false, host: "h", port: 1)
        #expect(unavailable.kind == .connectionLost)
        let explained = MosquittoClient.explain(["OpenSSL Error[0]: error:0A000086:SSL routines::certificate verify failed"])
        #expect(explained?.contains("does not verify against the configured CA") == true)
    }
}
