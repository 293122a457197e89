import StationCore
import StationMQTT
import StationSystem
import StationTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What the uplink publishes, captured by an independent subscriber
/// (`mosquitto_sub` with a persistent QoS 1 session), checked against the
/// JSON Schemas in docs/asyncapi.yaml by scripts/check-payloads.py
/// (python3 with jsonschema and yaml: in STATION_PACKAGES).
@Suite("Published payloads conform to docs/asyncapi.yaml", .serialized)
struct AsyncAPIConformanceTests {
    let root = BuiltProducts.packageRoot()

    @Test("status, health, live readings and backlog batches as actually published")
    func capturedPayloadsConform() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let files = try TemporaryDirectory()
        defer { files.remove() }
        let subscriber = try CapturingSubscriber(
            broker, topics: ["stations/#", "probe/#"], clientID: "schema-capture-\(getpid())",
            into: "\(files.path)/capture.txt")
        defer { subscriber.stop() }
        // The subscription is in place once a probe message comes back.
        let probe = try MosquittoClient(
            options: MQTTConnectOptions(host: broker.host, port: broker.port, clientID: "probe-\(getpid())"),
            events: MQTTClientEvents(), logger: quietLogger())
        try probe.start()
        #expect(await eventually(5) {
            _ = try? probe.publish(MQTTMessage(topic: "probe/x", payload: [0x31]))
            return subscriber.lines.contains { $0.hasPrefix("probe/") }
        })
        probe.stop()

        let queue = MemoryUplinkQueue(idPrefix: "schema")
        var options = testOptions(broker, station: "schema-st")
        options.healthInterval = .seconds(1)
        options.batchMaxReadings = 7
        let health: @Sendable () -> UplinkHealth = {
            UplinkHealth(queueDepth: 12, oldestAge: .milliseconds(1500), evictions: 3, clockSynchronized: true,
                         sensors: [SensorHealth(name: "pm-entrance", healthy: true),
                                   SensorHealth(name: "co2-hall", healthy: false, detail: "no frame for 30 s")])
        }
        let running = try RunningUplink(Uplink(options: options, queue: queue, presence: testPresence, logger: quietLogger(), health: health))
        var tricky = sampleReading(1, sensor: "bay\"7\"\\north", quantity: "occupied")
        tricky.unit = "1"
        tricky.value = 1
        tricky.kind = .stateChange
        queue.append(tricky)
        var broken = sampleReading(2, sensor: "pm/odd+name#", quantity: "pm10")
        broken.value = .nan
        broken.timeTrust = .untrusted
        queue.append(broken)
        var control = sampleReading(3, sensor: "ctl\u{1}\tsensor\u{e9}", quantity: "co2")
        control.value = -1.25e-7
        queue.append(control)
        for i in 10..<40 { queue.append(sampleReading(i), live: false) }
        running.uplink.readingsAvailable()
        #expect(await eventually(5) { queue.acknowledgedCount == 33 })
        try await Task.sleep(for: .milliseconds(1200))  // a second health message
        await running.stop()
        #expect(await eventually(3) { subscriber.lines.contains { $0.contains("\"offline\"") } })

        // The will is set on the connection, not published while we are up: check its bytes too.
        let will = "stations/schema-st/status " + String(decoding: Payloads.offline(station: "schema-st", nowNanos: nil), as: UTF8.self)
        let lines = subscriber.lines.filter { !$0.hasPrefix("probe/") } + [will]
        let checked = try files.write("checked.txt", lines.joined(separator: "\n") + "\n")
        let (status, output) = try runChecker(checked, requireAll: true)
        #expect(status == .exited(0), "\(output)")
        #expect(lines.count >= 8, "\(lines)")
        #expect(lines.contains { $0.contains("\"value\":null") })
        // Health is periodic, retained, and carries what the closure reported.
        let healthLines = lines.filter { $0.hasPrefix("stations/schema-st/health ") }
        #expect(healthLines.count >= 2, "\(healthLines)")
        #expect(healthLines.allSatisfy { $0.contains(#""queue_depth":12"#) && $0.contains(#""detail":"no frame for 30 s""#) })
        #expect(lines.contains { $0.hasPrefix("stations/schema-st/backlog ") && $0.contains(#""historical":true"#) })
    }

    @Test("the checker rejects a payload that breaks the schema (so the test above can fail)")
    func checkerRejects() throws {
        let files = try TemporaryDirectory()
        defer { files.remove() }
        var item = OutgoingReading(id: "s:1", handle: 1, reading: sampleReading(1), isLive: true)
        let good = "stations/s/readings/a/b " + String(decoding: Payloads.reading(item), as: UTF8.self)
        item.id = ""
        let emptyID = "stations/s/readings/a/b " + String(decoding: Payloads.reading(item), as: UTF8.self)
        let noTimeQuality = #"stations/s/readings/a/b {"id":"x","sensor":"a","quantity":"b","value":1,"unit":"u","time":"2026-11-29T06:12:01.123Z","kind":"sample"}"#
        let nan = #"stations/s/readings/a/b {"id":"x","sensor":"a","quantity":"b","value":NaN,"unit":"u","time":"2026-11-29T06:12:01.123Z","time_quality":"trusted","kind":"sample"}"#
        let unknownTopic = "stations/s/elsewhere {}"
        #expect(try runChecker(try files.write("good", good + "\n"), requireAll: false).0 == .exited(0))
        for bad in [emptyID, noTimeQuality, nan, unknownTopic] {
            #expect(try runChecker(try files.write("bad", bad + "\n"), requireAll: false).0 == .exited(1), "\(bad)")
        }
    }

    private func runChecker(_ capture: String, requireAll: Bool) throws -> (ChildProcess.Termination, String) {
        let out = "\(capture).out"
        let child = try ChildProcess.spawn(
            "python3", ["\(root)/scripts/check-payloads.py", "\(root)/docs/asyncapi.yaml", capture] + (requireAll ? ["--require-all"] : []),
            stdout: .file(out), stderr: .file(out + ".err"))
        let status = try child.wait()
        let text = (try? FileSystem.readFile(out)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let errors = (try? FileSystem.readFile(out + ".err")).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (status, text + errors)
    }
}
