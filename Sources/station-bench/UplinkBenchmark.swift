import StationCore
import StationDaemon
import StationMQTT
import StationStore
import StationSystem
import StationTesting
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// `station-bench uplink [--messages N] [--backlog N] [--latency-seconds S]`:
/// against a throwaway loopback mosquitto, measures
/// - `raw_qos1_msgs_per_s`: QoS 1 publishing through the bare binding with the same window, no queue;
/// - `per_reading_per_s`: queue -> uplink -> subscriber, one reading per message;
/// - `batched_readings_per_s`: a backlog of N (1,000,000) readings drained to a counting subscriber;
/// - `latency_p99_ms`: from a reading entering the queue to the subscriber receiving it, at 20 readings/s.
/// The queue is the durable store (`--queue store`, the default: what the
/// daemon runs) or `MemoryUplinkQueue` (`--queue memory`: the uplink alone).
enum UplinkBenchmark {
    nonisolated(unsafe) static var useStore = true

    static func run(_ arguments: [String]) async throws {
        if let i = arguments.firstIndex(of: "--queue"), i + 1 < arguments.count {
            guard ["store", "memory"].contains(arguments[i + 1]) else { throw BrokerError(message: "--queue is store or memory") }
            useStore = arguments[i + 1] == "store"
        }
        say("queue: \(useStore ? "the durable store (SQLite, default sync policy)" : "in memory")")
        let messages = option(arguments, "--messages") ?? 20_000
        let backlog = option(arguments, "--backlog") ?? 1_000_000
        let latencySeconds = option(arguments, "--latency-seconds") ?? 10
        let idleSeconds = option(arguments, "--idle-seconds") ?? 5
        let broker = try MosquittoBroker(persistence: false)
        defer { broker.shutdown() }
        let counter = try CountingSubscriber(broker: broker)
        defer { counter.client.stop() }
        try await waitFor(5) { counter.client.isConnected }
        try await Task.sleep(for: .milliseconds(200))

        let raw = try await rawPublishing(broker, counter, messages: messages)
        say("raw_qos1_msgs_per_s=\(Int(raw))")
        let perReading = try await uplinkLive(broker, counter, readings: messages)
        say("per_reading_per_s=\(Int(perReading))")
        let batched = try await uplinkBacklog(broker, counter, readings: backlog)
        say("batched_readings_per_s=\(Int(batched))")
        let (p50, p99) = try await latency(broker, counter, seconds: latencySeconds)
        say("latency_p50_ms=\(format(p50)) latency_p99_ms=\(format(p99))")
        let idle = try await idleCPU(broker, seconds: idleSeconds)
        say("idle_cpu_percent=\(format(idle))")
        print("raw_qos1_msgs_per_s=\(Int(raw)) per_reading_per_s=\(Int(perReading)) batched_readings_per_s=\(Int(batched)) ratio_per_reading_to_raw=\(format(perReading / raw)) latency_p99_ms=\(format(p99)) latency_p50_ms=\(format(p50)) idle_cpu_percent=\(format(idle))")
    }

    /// CPU time of this process (uplink connected, nothing to send, plus the
    /// counting subscriber) over `seconds`, as a percentage of one core.
    static func idleCPU(_ broker: MosquittoBroker, seconds duration: Int) async throws -> Double {
        let uplink = try startUplink(broker, MemoryUplinkQueue(idPrefix: "idle"), station: "bench-idle")
        defer { uplink.task.cancel() }
        try await waitFor(5) { uplink.uplink.isConnected }
        try await Task.sleep(for: .milliseconds(500))
        let before = cpuNanos()
        let start = MonotonicClock.nowNanos()
        try await Task.sleep(for: .seconds(duration))
        let used = Double(cpuNanos() - before)
        let wall = Double(MonotonicClock.nowNanos() - start)
        uplink.task.cancel()
        _ = await uplink.task.result
        return used / wall * 100
    }

    static func cpuNanos() -> UInt64 {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        let user = UInt64(usage.ru_utime.tv_sec) * 1_000_000_000 + UInt64(usage.ru_utime.tv_usec) * 1000
        let system = UInt64(usage.ru_stime.tv_sec) * 1_000_000_000 + UInt64(usage.ru_stime.tv_usec) * 1000
        return user + system
    }

    /// The bare binding, as a hand-written publisher would use libmosquitto:
    /// 20 messages out, then one more from each PUBACK callback.
    static func rawPublishing(_ broker: MosquittoBroker, _ counter: CountingSubscriber, messages: Int) async throws -> Double {
        final class Publisher: Sendable {
            let client = Mutex<MosquittoClient?>(nil)
            let sent = Atomic<Int>(0)
            let acknowledged = Atomic<Int>(0)
            let total: Int
            init(total: Int) { self.total = total }

            func publishNext() {
                let n = sent.add(1, ordering: .relaxed).newValue
                guard n <= total, let client = client.withLock({ $0 }) else { return }
                let item = OutgoingReading(id: "raw:\(n)", handle: UInt64(n), reading: UplinkBenchmark.reading(n), isLive: true)
                _ = try? client.publish(MQTTMessage(topic: "bench/raw", payload: Payloads.reading(item)))
            }
        }
        let publisher = Publisher(total: messages)
        let client = try MosquittoClient(
            options: MQTTConnectOptions(host: broker.host, port: broker.port, clientID: "bench-raw", cleanSession: true),
            events: MQTTClientEvents(published: { _ in
                publisher.acknowledged.add(1, ordering: .relaxed)
                publisher.publishNext()
            }),
            logger: quiet)
        publisher.client.withLock { $0 = client }
        try client.start()
        defer { client.stop() }
        try await waitFor(5) { client.isConnected }
        counter.reset()
        let start = MonotonicClock.nowNanos()
        for _ in 0..<20 { publisher.publishNext() }
        try await waitFor(60) { publisher.acknowledged.load(ordering: .relaxed) >= messages && counter.count >= messages }
        return Double(messages) / seconds(since: start)
    }

    /// Queue -> uplink -> subscriber, one reading per message.
    static func uplinkLive(_ broker: MosquittoBroker, _ counter: CountingSubscriber, readings: Int) async throws -> Double {
        let queue = try makeQueue("live")
        let uplink = try startUplink(broker, queue, station: "bench-live")
        defer { uplink.task.cancel() }
        try await waitFor(5) { uplink.uplink.isConnected }
        try await Task.sleep(for: .milliseconds(100))
        counter.reset()
        let start = MonotonicClock.nowNanos()
        for i in 0..<readings {
            _ = try queue.add(reading(i), live: true)
            if i % 20 == 0 { uplink.uplink.readingsAvailable() }
        }
        uplink.uplink.readingsAvailable()
        try await waitFor(60) { counter.count >= readings }
        let rate = Double(readings) / seconds(since: start)
        uplink.task.cancel()
        _ = await uplink.task.result
        return rate
    }

    /// A backlog of `readings` drained in batches to a counting subscriber (no rate cap).
    static func uplinkBacklog(_ broker: MosquittoBroker, _ counter: CountingSubscriber, readings: Int) async throws -> Double {
        let queue = try makeQueue("bl")
        var batch: [Reading] = []
        for i in 0..<readings {
            batch.append(reading(i))
            if batch.count == 10_000 || i == readings - 1 {
                try queue.addBacklog(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        counter.reset()
        let start = MonotonicClock.nowNanos()
        let uplink = try startUplink(broker, queue, station: "bench-backlog")
        try await waitFor(300) { counter.count >= readings }
        let rate = Double(readings) / seconds(since: start)
        uplink.task.cancel()
        _ = await uplink.task.result
        return rate
    }

    /// Readings at 20/s; the subscriber notes when each arrives.
    static func latency(_ broker: MosquittoBroker, _ counter: CountingSubscriber, seconds duration: Int) async throws -> (p50: Double, p99: Double) {
        let queue = try makeQueue("lat")
        let uplink = try startUplink(broker, queue, station: "bench-latency")
        defer { uplink.task.cancel() }
        try await waitFor(5) { uplink.uplink.isConnected }
        try await Task.sleep(for: .milliseconds(300))
        counter.reset()
        var sentAt: [String: UInt64] = [:]
        for i in 0..<(duration * 20) {
            let now = MonotonicClock.nowNanos()
            let id = try queue.add(reading(i), live: true)
            uplink.uplink.readingsAvailable()
            sentAt[id] = now
            try await Task.sleep(for: .milliseconds(50))
        }
        try await waitFor(5) { counter.counts.arrivals.withLock { $0.count } >= duration * 20 }
        let latencies = counter.counts.arrivals.withLock { $0 }.compactMap { id, at in sentAt[id].map { Double(at - $0) / 1e6 } }.sorted()
        uplink.task.cancel()
        _ = await uplink.task.result
        guard !latencies.isEmpty else { return (.nan, .nan) }
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        return (percentile(0.5), percentile(0.99))
    }

    static func startUplink(_ broker: MosquittoBroker, _ queue: any UplinkQueue, station: String) throws -> (uplink: Uplink, task: Task<Void, any Error>) {
        var options = UplinkOptions(host: broker.host, port: broker.port, stationID: station, topicPrefix: "bench")
        options.backlogRate = 0
        let uplink = Uplink(options: options, queue: queue, presence: Presence(configHash: "bench", bootID: "bench", startedAtNanos: MonotonicClock.wallNanos()), logger: quiet)
        try uplink.prepareClient()
        return (uplink, Task { try await uplink.run() })
    }

    /// A fresh queue of the chosen kind.
    static func makeQueue(_ name: String) throws -> any BenchQueue {
        guard useStore else { return MemoryUplinkQueue(idPrefix: name) }
        return try StoreBenchQueue(name)
    }

    static let quiet = Logger(label: "bench", handler: StderrLogHandler(), threshold: LogThreshold(.warning))

    static func reading(_ n: Int) -> Reading {
        Reading(sensor: "pm-entrance", quantity: "pm2_5", value: 12.5 + Double(n % 100), unit: "ug/m3", kind: .sample,
                bootID: BootID(hex: "0123456789abcdef0123456789abcdef"), monotonicNanos: UInt64(n),
                wallNanos: MonotonicClock.wallNanos(), timeTrust: .trusted)
    }

    static func option(_ arguments: [String], _ name: String) -> Int? {
        guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
        return Int(arguments[i + 1])
    }

    static func waitFor(_ timeout: Double, _ condition: () -> Bool) async throws {
        let deadline = MonotonicClock.nowNanos() + UInt64(timeout * 1e9)
        while !condition() {
            if MonotonicClock.nowNanos() > deadline { throw BrokerError(message: "timed out after \(timeout) s") }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    static func seconds(since start: UInt64) -> Double { Double(MonotonicClock.nowNanos() - start) / 1e9 }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "nan" }
        let scaled = Int((value * 1000).rounded())
        let fraction = String(scaled % 1000)
        return "\(scaled / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }

    static func say(_ line: String) {
        try? FileDescriptor.standardError.writeAll("# \(line)\n")
    }
}

/// Subscribes to everything under `bench/#` and counts readings (one per
/// `"id":"` in a payload), noting when latency readings arrive.
final class CountingSubscriber: Sendable {
    final class Counts: Sendable {
        let readings = Atomic<Int>(0)
        let arrivals = Mutex<[String: UInt64]>([:])
    }

    private final class Holder: Sendable {
        let client = Mutex<MosquittoClient?>(nil)
    }

    let client: MosquittoClient
    let counts: Counts

    init(broker: MosquittoBroker) throws {
        let counts = Counts()
        let holder = Holder()
        self.counts = counts
        client = try MosquittoClient(
            options: MQTTConnectOptions(host: broker.host, port: broker.port, clientID: "bench-counter", cleanSession: true),
            events: MQTTClientEvents(
                connected: { _ in try? holder.client.withLock { $0 }?.subscribe("bench/#", qos: 1) },
                message: { message in
                    let now = MonotonicClock.nowNanos()
                    let ids = Self.ids(in: message.payload, keep: message.topic.hasPrefix("bench/bench-latency/readings/"))
                    counts.readings.add(ids.count, ordering: .relaxed)
                    if let id = ids.first, ids.count == 1, id != "" {
                        counts.arrivals.withLock { $0[id] = now }
                    }
                }),
            logger: UplinkBenchmark.quiet)
        holder.client.withLock { $0 = client }
        try client.start()
    }

    /// Readings counted since the last reset.
    var count: Int { counts.readings.load(ordering: .relaxed) }

    func reset() {
        counts.readings.store(0, ordering: .relaxed)
        counts.arrivals.withLock { $0 = [:] }
    }

    /// One entry per `"id":"` in `payload`; the id text itself only when `keep`.
    private static func ids(in payload: [UInt8], keep: Bool) -> [String] {
        var found: [String] = []
        let needle: [UInt8] = Array(#""id":""#.utf8)
        payload.withUnsafeBufferPointer { bytes in
            var i = 0
            let end = bytes.count - needle.count
            while i <= end {
                if bytes[i] == 0x22 && bytes[i + 1] == 0x69 && bytes[i + 2] == 0x64 && bytes[i + 3] == 0x22 && bytes[i + 4] == 0x3A && bytes[i + 5] == 0x22 {
                    var j = i + needle.count
                    while j < bytes.count && bytes[j] != 0x22 { j += 1 }
                    found.append(keep ? String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + needle.count)..<j]), as: UTF8.self) : "")
                    i = j
                } else {
                    i += 1
                }
            }
        }
        return found
    }
}

/// What the benchmark needs of a queue beyond the uplink's contract.
protocol BenchQueue: UplinkQueue {
    /// Adds a reading the uplink should see as live; returns its id.
    func add(_ reading: Reading, live: Bool) throws -> String
    /// Adds readings that are backlog by the time the uplink connects.
    func addBacklog(_ readings: [Reading]) throws
}

extension MemoryUplinkQueue: BenchQueue {
    func add(_ reading: Reading, live: Bool) throws -> String { append(reading, live: live).id }
    func addBacklog(_ readings: [Reading]) throws { for r in readings { append(r, live: false) } }
}

/// The durable store in a temporary directory, seen through the daemon's own adapter.
final class StoreBenchQueue: BenchQueue {
    let store: Store
    let adapter: StoreUplinkQueue
    let directory: TemporaryDirectory
    let maintenance: Task<Void, any Error>

    init(_ name: String) throws {
        directory = try TemporaryDirectory(prefix: "bench-\(name)")
        store = try Store.open(StoreOptions(directory: directory.path, stationID: "bench-\(name)", clock: try SystemClock(), maxBytes: 4 << 30))
        adapter = StoreUplinkQueue(store)
        let store = store
        maintenance = Task { try await store.run() }
    }

    deinit {
        maintenance.cancel()
        try? store.close()
        directory.remove()
    }

    func add(_ reading: Reading, live: Bool) throws -> String {
        try store.append([reading])[0].id.description
    }

    func addBacklog(_ readings: [Reading]) throws {
        try store.append(readings)
        try store.flush()
    }

    func leaseLive(max: Int) throws -> [OutgoingReading] { try adapter.leaseLive(max: max) }
    func leaseBacklog(max: Int) throws -> [OutgoingReading] { try adapter.leaseBacklog(max: max) }
    func acknowledge(_ handles: [UInt64]) throws { try adapter.acknowledge(handles) }
    func returnLeases() throws { try adapter.returnLeases() }
}
