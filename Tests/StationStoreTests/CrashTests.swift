import Glibc
import StationCore
import StationTesting
import Testing

@testable import StationStore

/// Tests that measure real time or hog a thread, run one after the other.
@Suite(.serialized) struct RealTimeTests {
    /// A child appends and commits numbered readings, reporting each commit
    /// only after `flush` returned; the test SIGKILLs it at a seeded random
    /// moment, reopens the store and checks that every reported commit is
    /// there exactly once (acknowledged ones may be gone) and the file passes
    /// `PRAGMA integrity_check`. 50 rounds by default; the soak run is
    /// `STORE_CRASH_ROUNDS=500 swift test --filter RealTimeTests`, and
    /// `STORE_CRASH_SEED` replays a failing seed.
    @Test func killedAtRandomMomentsLosesNothingCommitted() throws {
        let rounds = ProcessEnvironment.int("STORE_CRASH_ROUNDS") ?? 50
        let seed = UInt64(ProcessEnvironment.int("STORE_CRASH_SEED") ?? 0x5EED)
        let binary = BuiltProducts.path("station-bench")
        try #require(access(binary, X_OK) == 0, "\(binary) is missing: run `swift build` before the tests")
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        var random = TestRandom(seed: seed)
        var committed: [UInt64: Int] = [:]  // seq -> value, reported committed
        var acknowledged: Set<UInt64> = []
        var totalKills = 0
        var checked = 0
        for round in 0..<rounds {
            let child = try SpawnedChild(binary, ["store-child", dir.path, String(round * 1_000_000), String(random.next())])
            // From 0 to 150 ms: some kills land during open, most mid-batch.
            usleep(UInt32(random.next() % 150_000))
            child.kill(SIGKILL)
            let (lines, status) = child.finish()
            let killed = status == .signalled(SIGKILL)
            #expect(killed, "round \(round): the child ended on its own (status \(String(describing: status))); seed \(seed)")
            if killed { totalKills += 1 }
            for line in lines {
                let parts = line.split(separator: " ")
                if parts.first == "C", parts.count == 3, let seq = UInt64(parts[1]), let value = Int(parts[2]) {
                    committed[seq] = value
                } else if parts.first == "A", parts.count == 2, let seq = UInt64(parts[1]) {
                    acknowledged.insert(seq)
                }
            }
            // Reopen as the restarted daemon would, and check.
            let store = try Store.open(StoreOptions(directory: dir.path, stationID: "crash-test", clock: ManualClock()))
            let (integrity, rows) = try store.withEngine { engine -> (String, [UInt64: Int]) in
                let db = engine.db!
                let integrity = try db.scalarText("PRAGMA integrity_check") ?? "none"
                let select = try db.prepare("SELECT seq, value FROM readings")
                var rows: [UInt64: Int] = [:]
                var duplicateValues = 0
                var values = Set<Int>()
                while try select.step() {
                    let value = Int(select.double(1))
                    if !values.insert(value).inserted { duplicateValues += 1 }
                    rows[UInt64(select.int64(0))] = value
                }
                return (duplicateValues == 0 ? integrity : "\(duplicateValues) duplicated values", rows)
            }
            #expect(integrity == "ok", "round \(round), seed \(seed)")
            var missing = 0
            for (seq, value) in committed where !acknowledged.contains(seq) {
                checked += 1
                if rows[seq] != value { missing += 1 }
            }
            #expect(missing == 0, "round \(round): \(missing) committed readings lost; seed \(seed)")
            // Keep the store from growing round after round.
            try store.acknowledge(try store.lease(max: 100_000).map(\.id))
            try store.close()
            for seq in committed.keys { acknowledged.insert(seq) }
            committed.removeAll()
        }
        #expect(totalKills == rounds)
        // The test only means something if the kills landed among commits.
        #expect(checked > rounds * 20, "only \(checked) committed readings were checked")
    }
}

enum ProcessEnvironment {
    static func int(_ name: String) -> Int? {
        guard let value = getenv(name) else { return nil }
        return Int(String(cString: value))
    }
}

struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
