import Glibc
import StationCore
import StationStore
import StationSystem
import StationTesting

/// `station-bench store [--quick] [--dir PATH]`: the store's figures.
/// `station-bench store --wear [--sync-ms N] [--commit-ms N] [--seconds N | --simulated-minutes N]`:
/// only the offline bytes-written figure, at other settings, in real time
/// or in simulated time.
/// `station-bench store --wear-sweep [--simulated-minutes N]`: that figure
/// for a range of sync and commit intervals, beside the floor any design
/// has at each sync interval (one 4 KiB page per sync).
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
        var sweep = false
        var base = Environment.get("TMPDIR") ?? "/var/tmp"
        var i = 0
        func number(_ text: String) -> Int? { Int(text).flatMap { $0 > 0 ? $0 : nil } }
        while i < args.count {
            let value = i + 1 < args.count ? number(args[i + 1]) : nil
            switch args[i] {
            case "--quick": quick = true
            case "--wear": wear = wear ?? WearSettings()
            case "--wear-sweep": sweep = true
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
            case "--simulated-minutes" where value != nil:
                i += 1
                wear = wear ?? WearSettings()
                wear?.simulatedMinutes = value!
            default:
                printError("usage: station-bench store [--quick] [--dir PATH] [--wear [--sync-ms N] [--commit-ms N] [--seconds N | --simulated-minutes N]] [--wear-sweep [--simulated-minutes N]]")
                return 64
            }
            i += 1
        }
        do {
            let directory = try TemporaryDirectory(prefix: "station-bench", under: base)
            defer { directory.remove() }
            let root = directory.path
            if sweep {
                try wearSweep(root: root, minutes: wear?.simulatedMinutes ?? 60)
                return 0
            }
            if let wear, let minutes = wear.simulatedMinutes {
                let result = try steadySimulated(
                    dir: "\(root)/wear", minutes: minutes, sync: .interval(milliseconds: wear.syncMs), commitMs: wear.commitMs)
                print("  \(result.readings) readings in \(minutes) simulated minutes; the final checkpoint wrote \(result.finalCheckpointBytes) bytes")
                print("bytes_written_offline=\(format(result.perReading)) sync_ms=\(wear.syncMs) commit_ms=\(wear.commitMs) simulated_minutes=\(minutes)")
                return 0
            }
            if let wear {
                let result = try steady(
                    dir: "\(root)/wear", time: .real(try SystemClock()), nanos: UInt64(wear.seconds) * 1_000_000_000,
                    online: false, sync: .interval(milliseconds: wear.syncMs), commitMs: wear.commitMs)
                report("offline", result)
                print("bytes_written_offline=\(format(result.perReading)) sync_ms=\(wear.syncMs) commit_ms=\(wear.commitMs) seconds=\(wear.seconds)")
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

        let window: UInt64 = quick ? 5 : 20
        let offline = try steady(dir: "\(root)/offline", time: .real(clock), nanos: window * 1_000_000_000, online: false)
        report("offline, \(window) s real time", offline)
        let online = try steady(dir: "\(root)/online", time: .real(clock), nanos: window * 1_000_000_000, online: true)
        report("online, \(window) s real time", online)
        let minutes = quick ? 10 : 60
        let longRun = try steadySimulated(dir: "\(root)/offline-steady", minutes: minutes, sync: .default, commitMs: 200)
        report("offline, \(minutes) simulated minutes", longRun)
        if let ms = offline.maxUnsyncedMs {
            print("longest a committed reading waited for its sync (power-cut exposure), default policy: \(format(ms)) ms")
            figures.append(("power_cut_window_ms", format(ms)))
        }
        figures.append(("bytes_written_offline", format(offline.perReading)))
        figures.append(("bytes_written_offline_steady", format(longRun.perReading)))
        figures.append(("bytes_written_online", format(online.perReading)))

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

    static func makeReading(_ clock: some ClockSource, _ n: Int) -> Reading {
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
        var simulatedMinutes: Int?
    }

    /// Where the steady workload's time comes from: the real clocks (the
    /// store's own threads are not used, `tick()` is called as `run()` would)
    /// or a manual clock that jumps to the next event, so an hour of a
    /// station's life, with its natural checkpoints, takes a second.
    enum WorkloadTime {
        case real(SystemClock)
        case simulated(ManualClock)
    }

    struct Wear {
        var readings: Int
        var bytes: Int
        var finalCheckpointBytes: Int
        /// The longest a committed reading waited for its sync: what a
        /// power cut would have lost at worst.
        var maxUnsyncedMs: Double?
        var perReading: Double { Double(bytes) / Double(readings) }
    }

    /// 10 readings/s with the maintenance tick as the daemon runs it; the
    /// bytes the process caused to be written (/proc/self/io) over the
    /// window, including a checkpoint at its end: the one that would
    /// eventually copy the window's log into the database. Online, a broker
    /// acknowledges each reading 2 ms after it is leased.
    static func steady(
        dir: String, time: WorkloadTime, nanos window: UInt64, online: Bool,
        sync: SyncPolicy = .default, commitMs: Int = 200
    ) throws -> Wear {
        let clock: any ClockSource
        switch time {
        case .real(let system): clock = system
        case .simulated(let manual): clock = manual
        }
        var simulatedNow: UInt64 = 0
        func now() -> UInt64 {
            if case .real = time { return monotonicNanos() }
            return simulatedNow
        }
        func wait(until t: UInt64) {
            switch time {
            case .real: MonotonicClock.sleep(until: t)
            case .simulated(let manual):
                if t > simulatedNow { manual.advance(nanos: t - simulatedNow) }
                simulatedNow = max(simulatedNow, t)
            }
        }
        let store = try Store.open(StoreOptions(
            directory: dir, stationID: "bench", clock: clock, sync: sync, commitIntervalMs: commitMs))
        // Warm-up outside the window: schema, sequence reservation.
        try store.append([makeReading(clock, 0)])
        try store.flush()
        if online { try store.acknowledge(try store.lease(max: 10).map(\.id)) }
        try store.checkpoint()
        let startBytes = writeBytes()
        let tick = store.tickNanos
        var nextTick = now()
        var nextReading = nextTick
        var count = 0
        let end = nextTick + window
        while true {
            let wake = min(nextTick, nextReading)
            if wake >= end { break }
            wait(until: wake)
            if now() >= nextReading {
                count += 1
                try store.append([makeReading(clock, count)])
                nextReading += 100_000_000
                if online {
                    let leased = try store.lease(max: 100)
                    wait(until: now() + 2_000_000)
                    try store.acknowledge(leased.map(\.id))
                }
            }
            if now() >= nextTick {
                try store.tick()
                nextTick += tick
            }
        }
        let exposure = try store.stats().maxUnsyncedNanos
        let beforeCheckpoint = writeBytes()
        try store.checkpoint()
        let bytes = writeBytes() - startBytes
        try store.close()
        return Wear(
            readings: count, bytes: bytes, finalCheckpointBytes: writeBytes() - beforeCheckpoint,
            maxUnsyncedMs: exposure.map { Double($0) / 1e6 })
    }

    static func report(_ label: String, _ wear: Wear) {
        print("bytes written per reading at 10/s \(label): \(format(wear.perReading)) (\(wear.readings) readings, \(wear.bytes) bytes, \(wear.finalCheckpointBytes) by the final checkpoint)")
    }

    static func steadySimulated(dir: String, minutes: Int, sync: SyncPolicy, commitMs: Int) throws -> Wear {
        try steady(
            dir: dir, time: .simulated(ManualClock()), nanos: UInt64(minutes) * 60_000_000_000, online: false,
            sync: sync, commitMs: commitMs)
    }

    /// Bytes written per reading offline at 10 readings/s for a range of
    /// sync and commit intervals (simulated steady state), and the floor
    /// for each sync interval: whatever is written, the sync cleans the
    /// log's last page and the next commit dirties it again, so every sync
    /// interval writes at least one whole page of the page cache.
    static func wearSweep(root: String, minutes: Int) throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        print("offline, 10 readings/s, \(minutes) simulated minutes each; floor = one \(page)-byte page per sync")
        print("sync_ms commit_ms bytes_per_reading floor")
        var n = 0
        for (syncMs, commitMs) in [(1000, 200), (2000, 200), (3000, 200), (5000, 200), (10000, 200), (1000, 1000), (2000, 2000)] {
            n += 1
            let result = try steadySimulated(
                dir: "\(root)/sweep-\(n)", minutes: minutes, sync: .interval(milliseconds: syncMs), commitMs: commitMs)
            let floor = Double(page) / (Double(syncMs) / 1000 * 10)
            print("\(syncMs) \(commitMs) \(format(result.perReading)) \(format(floor))")
        }
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
            print("rss_kb=\(residentKB()) peak_kb=\(peakResidentKB()) open_ms=\(format(openMs))")
            if args.last != "--no-close" { try store.close() }
            return 0
        } catch {
            printError("store-probe: \(error)")
            return 1
        }
    }

    /// `store-fill <dir> <readings>`: a store holding a backlog, closed
    /// cleanly, to time opens or try `stationctl` against by hand.
    static func fillMain(_ args: [String]) -> Int32 {
        guard args.count == 2, let total = Int(args[1]), total > 0 else {
            printError("usage: station-bench store-fill <dir> <readings>")
            return 64
        }
        do {
            let rate = try ingest(dir: args[0], clock: try SystemClock(), policy: .os, total: total)
            print("filled \(args[0]) with \(total) readings at \(Int(rate)) readings/s")
            return 0
        } catch {
            printError("store-fill: \(error)")
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
