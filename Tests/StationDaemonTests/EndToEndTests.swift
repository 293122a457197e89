#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials
import StationStore
import StationSystem
import StationTesting
import Testing

/// The whole path in one process tree: an emulated sensor on a pseudo-terminal,
/// the real driver, the store, the uplink and a real mosquitto, with the
/// broker gone for a while in the middle.
@Suite(.serialized) struct EndToEndTests {
    struct Published: Decodable { var id: String }
    struct Batch: Decodable { var readings: [Published]; var historical: Bool }

    @Test func everyReadingArrivesAcrossABrokerOutage() throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let subscriber = try CapturingSubscriber(
            broker, topics: ["stations/test-1/readings/#", "stations/test-1/backlog"], clientID: "e2e-\(getpid())",
            into: "\(dir.path)/capture.txt")
        defer { subscriber.stop() }
        usleep(500_000)

        let config = try dir.write("station.toml", DaemonProcess.config(dir, extra: "port = \(broker.port)") + DaemonProcess.simulatedPM(dir))
        let daemon = try DaemonProcess.start(dir, config: config)
        defer { daemon.kill() }
        #expect(try daemon.await("READY=1") != nil)
        usleep(3_000_000)
        broker.stop()  // readings now wait in the store
        usleep(4_000_000)
        try broker.start()
        usleep(5_000_000)  // reconnect (backoff <= 1 s here), drain, live again
        daemon.child.send(SIGTERM)
        #expect(try daemon.child.wait(timeout: 10) == .exited(0))
        usleep(500_000)

        var live: [String] = []
        var backlog: [String] = []
        for line in subscriber.lines {
            guard let space = line.firstIndex(of: " ") else { continue }
            let topic = line[..<space]
            let payload = Data(line[line.index(after: space)...].utf8)
            if topic.hasSuffix("/backlog") {
                let batch = try JSONDecoder().decode(Batch.self, from: payload)
                #expect(batch.historical)
                backlog += batch.readings.map(\.id)
            } else {
                live.append(try JSONDecoder().decode(Published.self, from: payload).id)
            }
        }
        let sequences = Set((live + backlog).compactMap { UInt64($0.split(separator: ":").last ?? "") })
        #expect(!backlog.isEmpty, "the outage left no backlog to drain; log:\n\(daemon.logText)")
        #expect(live.count >= 2)
        // Nothing lost: every sequence number of this fresh store's one run
        // either reached the subscriber or is still held by the store.
        let store = try Store.open(StoreOptions(directory: "\(dir.path)/data", stationID: "test-1", clock: try SystemClock()))
        defer { try? store.close() }
        let held = Set(try store.peek(max: 10_000).map(\.id.sequence))
        let all = sequences.union(held)
        let expected = Set(1...(all.max() ?? 0))
        #expect(all == expected, "lost: \(expected.subtracting(all).sorted())")
        #expect(sequences.count >= 8)
    }
}
