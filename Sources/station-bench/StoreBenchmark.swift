import Glibc
import StationCore
import StationStore

/// `station-bench store [--quick] [--dir PATH]`: the store's figures.
/// `station-bench store --wear [--sync-ms N] [--commit-ms N] [--seconds N]`:
/// only the offline bytes-written figure, at other settings.
///
/// - ingest: batches of 1000 readings, one commit each, per sync policy;
/// - bytes written per reading at a steady 10 readings/s with the default
///   policy, from `write_bytes` in /proc/self/io over a real-time window
///   (20 s, 5 s with --quick), offline (nobody acknowledges) and online (a
///   broker acknowledging 2 ms after each reading); a checkpoint is forced at
///   the end of each window so its writes are counted too;
/// - RSS and open time of a fresh process opening an empty store and one
///   holding 1,000,000 readings (100,000 with --quick);
/// - drain: lease 1000 + acknowledge, until that backlog is empty.
///
/// The last line is `key=value` pairs. Build with `-c release` for figures.
enum StoreBenchmark {
    static func main(_ args: [String]) -> Int32 {
        var quick = false
        var wear: WearSettings?
        var base = ProcessInfoLite.env("TMPDIR") ?? "/var/tmp"
        var i = 0
        func number(_ text: String) -> Int? { Int(text).flatMap { $0 > 0 ? $0 : nil } }
        while i < args.count {
            let value = i + 1 < args.count ? number(args[i + 1]) : nil
            switch args[i] {
            case "--quick": quick = true
            case "--wear": wear = wear ?? WearSettings()
            case "--dir" where i + 1 < args.count:
                i += 1
                base = args[i]
            case "--sync-ms" where value != nil:
                i += 1
                wear = wear ?? WearSettings()
                wear?.syncMs = value!
            case "--commit-ms" where value != nil:
                i += 1
                wear = wear ?? WearSettings()
                wear?.commitMs = value!
            case "--seconds" where value != nil:
                i += 1
                wear = wear ?? WearSettings()
                wear?.seconds = value!
            default:
                printError("usage: station-bench store [--quick] [--dir PATH] [--wear [--sync-ms N] [--commit-ms N] [--seconds N]]")
                return 64
            }
            i += 1
        }
        do {
            let root = try makeTempDir(under: base)
            defer { removeTree(root) }
            if let wear {
                let clock = try SystemClock()
                let bytes = try steady(
                    dir: "\(root)/wear", clock: clock, seconds: Double(wear.seconds), online: false,
                    sync: .interval(milliseconds: wear.syncMs), commitMs: wear.commitMs)
                print("bytes_written_offline=\(format(bytes)) sync_ms=\(wear.syncMs) commit_ms=\(wear.commitMs) seconds=\(wear.seconds)")
                return 0
            }
            return try run(root: root, quick: quick)
        } catch {
            printError("station-bench store: \(error)")
            return 1
        }
    }

    static func run(root: String, quick: Bool) throws -> Int32 {
        let clock = try SystemClock()
        var figures: [(String, String)] = []

        for (name, policy) in [("always", SyncPolicy.always), ("interval", .default), ("os", .os)] {
            let rate = try ingest(dir: "\(root)/ingest-\(name)", clock: clock, policy: policy, total: quick ? 100_000 : 300_000)
            print("ingest \(name): \(Int(rate)) readings/s (batches of 1000, one commit each)")
            figures.append(("ingest_per_s_\(name)", String(Int(rate))))
        }

        let window = quick ? 5.0 : 20.0
        let offline = try steady(dir: "\(root)/offline", clock: clock, seconds: window, online: false)
        print("bytes written per reading at 10/s offline: \(format(offline)) (\(Int(window)) s window)")
        let online = try steady(dir: "\(root)/online", clock: clock, seconds: window, online: true)
        print("bytes written per reading at 10/s online: \(format(online)) (\(Int(window)) s window)")
        figures.append(("bytes_written_offline", format(offline)))
        figures.append(("bytes_written_online", format(online)))

        let backlog = quick ? 100_000 : 1_000_000
        let emptyDir = "\(root)/empty"
        try Store.open(StoreOptions(directory: emptyDir, stationID: "bench", clock: clock)).close()
        let empty = try probe(emptyDir)
        let fullDir = "\(root)/backlog"
        _ = try ingest(dir: fullDir, clock: clock, policy: .os, total: backlog)
        let full = try probe(fullDir)
        _ = try probe(fullDir, mode: "--no-close")  // exits without closing
        let killed = try probe(fullDir, mode: "--no-close")  // opens after a kill
        let powerCut = try probe(fullDir, mode: "--verify")  // unclean, full check
        print("fresh process, empty store: rss \(format(empty.rssMB)) MB, open \(format(empty.openMs)) ms")
        print("fresh process, \(backlog) readings: rss \(format(full.rssMB)) MB, open \(format(full.openMs)) ms after a clean close")
        print("fresh process, \(backlog) readings: rss \(format(killed.rssMB)) MB, open \(format(killed.openMs)) ms after a kill (row count)")
        print("fresh process, \(backlog) readings: rss \(format(powerCut.rssMB)) MB, open \(format(powerCut.openMs)) ms as after a power cut (quick_check + row count)")
        print("  peak rss during open (mapped page cache of the start-up scans): \(format(empty.peakMB)) MB empty, \(format(killed.peakMB)) MB after a kill, \(format(powerCut.peakMB)) MB after a power cut")
        figures.append(("rss_mb_empty", format(empty.rssMB)))
        figures.append((quick ? "rss_mb_100k" : "rss_mb_1m", format(max(full.rssMB, killed.rssMB, powerCut.rssMB))))
        figures.append(("open_ms", format(full.openMs)))
        figures.append(("open_ms_after_kill", format(killed.openMs)))
        figures.append(("open_ms_after_power_cut", format(powerCut.openMs)))

        let drain = try drainRate(dir: fullDir, clock: clock, expected: backlog)
        print("drain: \(Int(drain)) readings/s (lease 1000, acknowledge, repeat)")
        figures.append(("drain_read_per_s", String(Int(drain))))

        print(figures.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
        return 0
    }

    static func makeReading(_ clock: SystemClock, _ n: Int) -> Reading {
        let now = clock.now()
        return Reading(
            sensor: "pm-\(n % 4)", quantity: "pm2_5", value: Double(n % 1000) / 10, unit: "ug/m3",
            kind: n % 10 == 0 ? .stateChange : .sample, bootID: now.bootID,
            monotonicNanos: now.monotonicNanos, wallNanos: now.wallNanos, timeTrust: now.timeTrust)
    }

    static func ingest(dir: String, clock: SystemClock, policy: SyncPolicy, total: Int) throws -> Double {
        let store = try Store.open(StoreOptions(
            directory: dir, stationID: "bench", clock: clock, sync: policy,
            maxBytes: 1 << 30, maxPendingReadings: 100_000))
        var n = 0
        let start = seconds()
        while n < total {
            let batch = (0..<1000).map { makeReading(clock, n + $0) }
            try store.append(batch)
            try store.flush()
            n += batch.count
        }
        let elapsed = seconds() - start
        try store.close()
        return Double(total) / elapsed
    }

    /// 10 readings/s in real time with the maintenance tick running as the
    /// daemon runs it; bytes the process caused to be written per reading.
    struct WearSettings {
        var syncMs = 1000
        var commitMs = 200
        var seconds = 20
    }

    static func steady(
        dir: String, clock: SystemClock, seconds window: Double, online: Bool,
        sync: SyncPolicy = .default, commitMs: Int = 200
    ) throws -> Double {
        let store = try Store.open(StoreOptions(
            directory: dir, stationID: "bench", clock: clock, sync: sync, commitIntervalMs: commitMs))
        // Warm-up outside the window: schema, sequence reservation.
        try store.append([makeReading(clock, 0)])
        try store.flush()
        if online { try store.acknowledge(try store.lease(max: 10).map(\.id)) }
        try store.checkpoint()
        let startBytes = writeBytes()
        let tick = store.tickNanos
        var nextTick = monotonicNanos()
        var nextReading = nextTick
        var count = 0
        let end = nextTick + UInt64(window * 1e9)
        while true {
            let wake = min(nextTick, nextReading)
            if wake >= end { break }
            sleepUntil(wake)
            if monotonicNanos() >= nextReading {
                count += 1
                try store.append([makeReading(clock, count)])
                nextReading += 100_000_000
                if online {
                    // The broker's PUBACK arrives a couple of ms later.
                    let leased = try store.lease(max: 100)
                    sleepUntil(monotonicNanos() + 2_000_000)
                    try store.acknowledge(leased.map(\.id))
                }
            }
            if monotonicNanos() >= nextTick {
                try store.tick()
                nextTick += tick
            }
        }
        // The checkpoint that would eventually copy this window's log into
        // the database counts against it too.
        let beforeCheckpoint = writeBytes()
        try store.checkpoint()
        let bytes = writeBytes() - startBytes
        try store.close()
        print("  \(online ? "online" : "offline"): \(count) readings, \(bytes) bytes written, of which \(bytes - (beforeCheckpoint - startBytes)) by the final checkpoint")
        return Double(bytes) / Double(count)
    }

    struct Probe { var rssMB: Double; var peakMB: Double; var openMs: Double }

    /// Opens the store in a fresh process (`station-bench store-probe`), so
    /// nothing this process allocated earlier shows in the figures.
    /// `mode`: nil (close cleanly), `--no-close` (exit as if killed) or
    /// `--verify` (force the full start-up check, then close).
    static func probe(_ dir: String, mode: String? = nil) throws -> Probe {
        let output = try runSelf(["store-probe", dir] + (mode.map { [$0] } ?? []))
        var values: [String: Double] = [:]
        for pair in output.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let kv = pair.split(separator: "=")
            if kv.count == 2 { values[String(kv[0])] = Double(kv[1]) }
        }
        guard let rss = values["rss_kb"], let peak = values["peak_kb"], let open = values["open_ms"] else {
            throw BenchError("store-probe printed '\(output)'")
        }
        return Probe(rssMB: rss / 1024, peakMB: peak / 1024, openMs: open)
    }

    /// The probe itself: open, lease a batch from the backlog (so the read
    /// path is in the figure), return it, then report VmRSS and open time.
    static func probeMain(_ args: [String]) -> Int32 {
        guard args.count == 1 || (args.count == 2 && ["--no-close", "--verify"].contains(args[1])) else {
            printError("usage: station-bench store-probe <dir> [--no-close | --verify]")
            return 64
        }
        do {
            let clock = try SystemClock()
            let start = seconds()
            let store = try Store.open(StoreOptions(
                directory: args[0], stationID: "bench", clock: clock, verifyOnOpen: args.last == "--verify"))
            let openMs = (seconds() - start) * 1000
            for _ in 0..<10 { _ = try store.lease(max: 1000) }
            store.returnLeases()
            _ = try store.stats()
            print("rss_kb=\(residentKB()) peak_kb=\(procField("/proc/self/status", "VmHWM")) open_ms=\(format(openMs))")
            if args.last != "--no-close" { try store.close() }
            return 0
        } catch {
            printError("store-probe: \(error)")
            return 1
        }
    }

    static func drainRate(dir: String, clock: SystemClock, expected: Int) throws -> Double {
        let store = try Store.open(StoreOptions(directory: dir, stationID: "bench", clock: clock, maxBytes: 1 << 30))
        var drained = 0
        let start = seconds()
        while true {
            let batch = try store.lease(max: 1000)
            if batch.isEmpty { break }
            try store.acknowledge(batch.map(\.id))
            drained += batch.count
        }
        try store.flush()
        let elapsed = seconds() - start
        try store.close()
        guard drained == expected else { throw BenchError("drained \(drained) readings, expected \(expected)") }
        return Double(drained) / elapsed
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
