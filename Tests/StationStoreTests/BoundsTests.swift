import StationCore
import StationTesting
import Testing

@testable import StationStore

@Suite struct BoundsTests {
    @Test func byteBudgetEvictsSamplesOldestFirstAndKeepsStateChanges() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        let budget = 256 << 10
        let store = try Store.open(options(dir, clock, maxBytes: budget))
        var stateChanges = 0
        for batch in 0..<40 {
            var items: [Reading] = []
            for i in 0..<500 {
                let n = batch * 500 + i
                if n % 20 == 0 {
                    items.append(reading(clock, Double(n), kind: .stateChange, sensor: "bay-3", quantity: "occupied"))
                    stateChanges += 1
                } else {
                    items.append(reading(clock, Double(n)))
                }
            }
            try store.append(items)
            try store.flush()
            clock.advance(ms: 100)
        }
        let stats = try store.stats()
        #expect(stats.bytes <= budget)
        #expect(stats.evicted[.maxBytes, default: 0] > 0)
        #expect(stats.depth + Int(stats.evicted[.maxBytes]!) == 20_000)
        let (changes, minSample, maxGap) = try store.withEngine { engine in
            let db = engine.db!
            let changes = try db.scalarInt("SELECT count(*) FROM readings WHERE kind = 0") ?? 0
            let minSample = try db.scalarInt("SELECT min(value) FROM readings WHERE kind = 1") ?? 0
            // Samples kept must be the newest: no hole among them.
            let kept = try db.scalarInt("SELECT count(*) FROM readings WHERE kind = 1") ?? 0
            let maxValue = try db.scalarInt("SELECT max(value) FROM readings WHERE kind = 1") ?? 0
            let expected = (maxValue - minSample + 1) - ((maxValue / 20) - ((minSample - 1) / 20))
            return (changes, minSample, expected - kept)
        }
        #expect(changes == Int64(stateChanges))
        #expect(minSample > 0)
        #expect(maxGap == 0)
        try store.close()
    }

    @Test func wallClockJumpsNeverAgeReadingsButBootTimeDoes() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        let store = try Store.open(options(dir, clock, maxAge: 60))
        try store.append(readings(clock, 1...10))
        try store.append(readings(clock, 11...12, kind: .stateChange))
        try store.flush()
        clock.jumpWall(byNanos: 10 * 365 * 86_400 * 1_000_000_000)
        clock.advance(ms: 1_500)
        try store.tick()
        clock.jumpWall(byNanos: -20 * 365 * 86_400 * 1_000_000_000)
        clock.advance(ms: 1_500)
        try store.tick()
        #expect(try store.stats().depth == 12)
        #expect(try store.stats().evicted[.maxAge] == 0)
        clock.advance(ms: 58_000)
        try store.tick()
        let stats = try store.stats()
        #expect(stats.depth == 0)
        #expect(stats.evicted[.maxAge] == 12)
        try store.close()
    }

    /// An earlier boot's readings age from that boot's last known moment plus
    /// the current uptime: a lower bound, so they are never dropped early.
    @Test func earlierBootReadingsAgeByALowerBound() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let first = ManualClock(boot: "a0000000000000000000000000000000", mono: 50_000_000_000)
        var store = try Store.open(options(dir, first, maxAge: 60))
        try store.append([reading(first, 1)])
        first.advance(ms: 50_000)
        try store.append([reading(first, 2)])
        try store.close()
        // Rebooted; 5 s of uptime. Reading 1 is at least 50 + 5 s old.
        let second = ManualClock(boot: "b0000000000000000000000000000000", mono: 5_000_000_000)
        store = try Store.open(options(dir, second, maxAge: 60))
        second.advance(ms: 1_500)
        try store.tick()
        #expect(try store.stats().depth == 2)
        second.advance(ms: 5_000)  // 50 + 11.5 s > 60 s for reading 1 only
        try store.tick()
        let stats = try store.stats()
        #expect(stats.depth == 1)
        #expect(stats.evicted[.maxAge] == 1)
        #expect(try store.lease(max: 5).map(\.reading.value) == [2])
        try store.close()
    }
}
