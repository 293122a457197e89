import StationCore
import StationMQTT
import StationSystem
import StationTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Uplink through broker outages", .serialized)
struct UplinkOutageTests {
    @Test("broker stopped and restarted mid-stream, several times: every reading arrives")
    func brokerRestarts() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let subscriber = try await RecordingSubscriber.ready(broker)
        defer { subscriber.stop() }

        let queue = MemoryUplinkQueue(idPrefix: "restart")
        let running = try RunningUplink(Uplink(options: testOptions(broker), queue: queue, presence: testPresence, logger: quietLogger()))
        var sent: Set<String> = []
        var next = 0
        func produce(_ n: Int) {
            for _ in 0..<n {
                sent.insert(queue.append(sampleReading(next)).id)
                next += 1
                running.uplink.readingsAvailable()
            }
        }
        for _ in 0..<4 {
            produce(300)
            try await Task.sleep(for: .microseconds(20_000))
            try broker.restart()  // SIGTERM + start on the same port, mid-stream
            produce(300)
            #expect(await eventually(5) { running.uplink.isConnected && subscriber.client.isConnected })
        }
        produce(100)
        #expect(await eventually(15) { queue.acknowledgedCount + queue.pendingCount + queue.leasedCount == sent.count && queue.pendingCount == 0 && queue.leasedCount == 0 })
        #expect(await eventually(10) { Set(readingIDs(in: subscriber.received)).isSuperset(of: sent) }, "missing: \(sent.subtracting(readingIDs(in: subscriber.received)).count)")
        let ids = readingIDs(in: subscriber.received)
        let duplicates = ids.count - Set(ids).count
        print("broker restarts: \(sent.count) readings, \(ids.count) received, \(duplicates) duplicates, \(running.uplink.statistics.leasesReturned) leases returned")
        #expect(running.uplink.statistics.connects >= 5)
        await running.stop()
    }

    @Test("broker killed (SIGKILL) mid-stream several times: nothing stays leased, every reading is acknowledged, unacknowledged ones are resent")
    func brokerKilled() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let queue = MemoryUplinkQueue(idPrefix: "kill")
        let running = try RunningUplink(Uplink(options: testOptions(broker), queue: queue, presence: testPresence, logger: quietLogger()))
        #expect(await eventually(5) { running.uplink.isConnected })
        var produced = 0
        for _ in 0..<3 {
            for _ in 0..<400 {
                queue.append(sampleReading(produced))
                produced += 1
                running.uplink.readingsAvailable()
            }
            broker.kill()  // no goodbye: the uplink sees the connection drop mid-window
            try await Task.sleep(for: .milliseconds(50))
            try broker.start()
            #expect(await eventually(5) { running.uplink.isConnected })
        }
        // A killed broker may lose what it had acknowledged but not yet
        // forwarded (its persistence is periodic): that boundary is the
        // broker's. Ours: every reading acknowledged exactly when a PUBACK came.
        #expect(await eventually(10) { queue.acknowledgedCount == produced })
        #expect(queue.leasedCount == 0 && queue.pendingCount == 0)
        #expect(running.uplink.statistics.connects >= 4)
        #expect(running.uplink.statistics.leasesReturned > 0)  // the kills did hit readings in flight
        await running.stop()
    }

    @Test("the backlog rate cap holds: 3,000 readings at 2,000/s take over a second")
    func backlogRateCap() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let queue = MemoryUplinkQueue(idPrefix: "cap")
        for i in 0..<3000 { queue.append(sampleReading(i), live: false) }
        var options = testOptions(broker)
        options.backlogRate = 2000
        options.batchMaxReadings = 500
        let start = MonotonicClock.nowNanos()
        let running = try RunningUplink(Uplink(options: options, queue: queue, presence: testPresence, logger: quietLogger()))
        #expect(await eventually(8) { queue.acknowledgedCount == 3000 })
        let elapsed = Double(MonotonicClock.nowNanos() - start) / 1e9
        // A 500-reading burst, then 2,500 at 2,000/s: at least 1.25 s.
        #expect(elapsed >= 1.2, "drained in \(elapsed) s")
        #expect(elapsed < 5, "drained in \(elapsed) s")
        await running.stop()
    }

    @Test("broker down at start with 10,000 queued readings: all drain, live readings flow during the drain")
    func drainWhileLive() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        // The subscriber's persistent session (kept across the broker's restart) is there first.
        let subscriber = try await RecordingSubscriber.ready(broker)
        defer { subscriber.stop() }
        broker.stop()

        let queue = MemoryUplinkQueue(idPrefix: "drain")
        for i in 0..<10_000 { queue.append(sampleReading(i), live: false) }
        var options = testOptions(broker)
        options.backlogRate = 20_000  // capped: the drain takes ~0.5 s, long enough to interleave live readings
        options.batchMaxReadings = 500
        let running = try RunningUplink(Uplink(options: options, queue: queue, presence: testPresence, logger: quietLogger()))
        try await Task.sleep(for: .microseconds(300_000))
        #expect(!running.uplink.isConnected)

        try broker.start()
        #expect(await eventually(5) { running.uplink.isConnected })
        // Live readings while the backlog drains: each must arrive before the drain ends.
        var live: Set<String> = []
        var liveDuringDrain = 0
        for i in 0..<40 {
            live.insert(queue.append(sampleReading(100_000 + i)).id)
            running.uplink.readingsAvailable()
            try await Task.sleep(for: .microseconds(10_000))
            if running.uplink.statistics.backlogSent < 10_000 { liveDuringDrain += 1 }
        }
        #expect(await eventually(10) { queue.acknowledgedCount == 10_040 })
        #expect(liveDuringDrain > 10)
        let stats = running.uplink.statistics
        #expect(stats.liveSent >= 40)
        #expect(stats.batchesSent >= 20)  // 10,000 in batches of at most 500
        // What the subscriber saw: live messages between backlog batches, every id.
        #expect(await eventually(5) { Set(readingIDs(in: subscriber.received)).count == 10_040 })
        let topics = subscriber.received.map(\.topic)
        let firstLive = topics.firstIndex { $0.contains("/readings/") }
        let lastBatch = topics.lastIndex { $0.hasSuffix("/backlog") }
        #expect(firstLive != nil && lastBatch != nil && firstLive! < lastBatch!)
        await running.stop()
    }
}
