import StationCore
import StationTesting
import Testing

@testable import StationStore

@Suite struct ClockTrustTests {
    @Test func readingsBeforeSyncAreCorrectedOnceTheClockSyncs() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        // Booted without RTC: the wall clock says 2000-01-01.
        let clock = ManualClock(mono: 20_000_000_000, wall: 946_684_800_000_000_000)
        let store = try Store.open(options(dir, clock))
        let early = try store.append(readings(clock, 1...2))
        #expect(early.allSatisfy { $0.reading.timeTrust == .untrusted })
        try store.flush()
        clock.advance(ms: 1_000)
        let trueWall: Int64 = 1_795_000_000_000_000_000
        clock.synchronize(wall: trueWall)
        try store.tick()
        try store.append([reading(clock, 3)])
        let leased = try store.lease(max: 10)
        #expect(leased.map(\.reading.value) == [3, 1, 2] || leased.map(\.reading.value) == [1, 2, 3])
        let byValue = Dictionary(uniqueKeysWithValues: leased.map { ($0.reading.value, $0.reading) })
        let offset = trueWall - 21_000_000_000
        #expect(byValue[1]?.timeTrust == .corrected)
        #expect(byValue[1]?.wallNanos == offset + 20_000_000_000)
        #expect(byValue[2]?.wallNanos == offset + 20_000_000_000)
        #expect(byValue[3]?.timeTrust == .trusted)
        #expect(byValue[3]?.wallNanos == trueWall)
        try store.close()
    }

    @Test func correctionSurvivesARestartInTheSameBoot() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock(mono: 20_000_000_000)
        var store = try Store.open(options(dir, clock))
        try store.append([reading(clock, 1)])
        clock.synchronize(wall: 1_795_000_000_000_000_000)
        try store.tick()
        try store.close()
        // Same boot, and suppose the kernel briefly reports unsynced again:
        // the offset learnt earlier still applies.
        let again = ManualClock(mono: 30_000_000_000)
        store = try Store.open(options(dir, again))
        let leased = try store.lease(max: 5)
        #expect(leased.first?.reading.timeTrust == .corrected)
        #expect(leased.first?.reading.wallNanos == 1_795_000_000_000_000_000)
        try store.close()
    }

    @Test func anEarlierBootThatNeverSyncedStaysUntrusted() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let first = ManualClock(boot: "a0000000000000000000000000000000")
        var store = try Store.open(options(dir, first))
        try store.append(readings(first, 1...2))
        try store.close()
        let second = ManualClock(boot: "b0000000000000000000000000000000", synchronized: true)
        store = try Store.open(options(dir, second))
        try store.append([reading(second, 3)])
        let leased = try store.lease(max: 10)
        let trust = Dictionary(uniqueKeysWithValues: leased.map { ($0.reading.value, $0.reading.timeTrust) })
        #expect(trust == [1: .untrusted, 2: .untrusted, 3: .trusted])
        try store.close()
    }

    @Test func systemClockReadsTheKernel() throws {
        let clock = try SystemClock()
        #expect(clock.bootID.hex.count == 32)
        let a = clock.now()
        let b = clock.now()
        #expect(b.monotonicNanos >= a.monotonicNanos)
        #expect(a.wallNanos > 1_500_000_000_000_000_000)
    }
}
