import Glibc
import StationCore
import StationTesting
import Testing

@testable import StationStore

@Suite struct StoreBasicsTests {
    @Test func idsIncreaseAndSurviveReopen() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        var store = try Store.open(options(dir, clock))
        let first = try store.append(readings(clock, 1...3))
        #expect(first.map(\.id.sequence) == [1, 2, 3])
        #expect(first[0].id.description == "st-test:b0000000000000000000000000000001:1")
        #expect(ReadingID(first[0].id.description) == first[0].id)
        try store.close()
        store = try Store.open(options(dir, clock))
        let second = try store.append(readings(clock, 4...4))
        #expect(second[0].id.sequence > 3)
        // The new reading is live; the rest is backlog from before the restart.
        let all = try store.lease(max: 10)
        #expect(all.map(\.reading.value) == [4, 1, 2, 3])
        try store.close()
    }

    @Test func sequenceNumbersAreNotReusedAfterAKill() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        var highest: UInt64 = 0
        do {
            // Appended, delivered before any commit, never written: the ids
            // went out to the platform all the same.
            let store = try Store.open(options(dir, clock))
            let ids = try store.append(readings(clock, 1...5)).map(\.id)
            _ = try store.lease(max: 5)
            try store.acknowledge(ids)
            highest = ids.last!.sequence
            // No close: the engine is dropped as in a kill.
        }
        let store = try Store.open(options(dir, clock))
        let next = try store.append(readings(clock, 6...6))
        #expect(next[0].id.sequence > highest)
        #expect(try store.stats().depth == 1)
        try store.close()
    }

    @Test func secondOpenerIsToldWhoHoldsTheLock() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        let store = try Store.open(options(dir, clock))
        let error = #expect(throws: StoreError.self) { try Store.open(options(dir, clock)) }
        #expect(error?.code == .locked)
        #expect(error?.path == dir.file("store.lock"))
        #expect(error?.detail.contains("process \(getpid())") == true)
        try store.close()
        // Released on close.
        try Store.open(options(dir, clock)).close()
    }

    @Test func storeOfAnotherStationIsRefused() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        try Store.open(options(dir, clock, station: "north-1")).close()
        let error = #expect(throws: StoreError.self) { try Store.open(options(dir, clock, station: "south-2")) }
        #expect(error?.code == .otherStation)
        #expect(error?.path == dir.file("store.db"))
        #expect(error?.detail.contains("'north-1'") == true)
        // Refusing must not have damaged it.
        try Store.open(options(dir, clock, station: "north-1")).close()
    }

    @Test func badOptionsNameTheProblem() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let error = #expect(throws: StoreError.self) {
            try Store.open(options(dir, ManualClock(), station: "has:colon"))
        }
        #expect(error?.code == .invalidOptions)
        #expect(error?.detail.contains("has:colon") == true)
    }

    @Test func nonFiniteValuesAreRefusedWithoutHarmingTheStore() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        let store = try Store.open(options(dir, clock))
        var bad = reading(clock, 1)
        bad.value = .nan
        let error = #expect(throws: StoreError.self) { try store.append([reading(clock, 0), bad]) }
        #expect(error?.code == .invalidReading)
        #expect(error?.detail.contains("'pm-1'") == true)
        try store.append([reading(clock, 2)])
        try store.flush()
        #expect(try store.lease(max: 5).map(\.reading.value) == [2])
        try store.close()
    }

    /// The uplink sends live and backlog readings differently, so it leases
    /// them separately: live = taken since the last (re)connect.
    @Test func liveAndBacklogLeasedSeparately() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        let store = try Store.open(options(dir, clock))
        try store.append(readings(clock, 1...6))
        try store.flush()
        _ = try store.leaseLive(max: 1)  // the uplink connects: 1...6 are its live readings
        store.returnLeases()  // and drops: what it had not sent is backlog now
        try store.append(readings(clock, 7...9))
        #expect(try store.leaseLive(max: 2).map(\.reading.value) == [7, 8])
        #expect(try store.leaseBacklog(max: 4).map(\.reading.value) == [1, 2, 3, 4])
        #expect(try store.leaseLive(max: 10).map(\.reading.value) == [9])
        #expect(try store.leaseBacklog(max: 10).map(\.reading.value) == [5, 6])
        #expect(try store.leaseBacklog(max: 10).isEmpty)
        #expect(try store.leaseLive(max: 10).isEmpty)
        try store.close()
    }

    @Test func peekDoesNotLeaseAndPurgeEmptiesAndCounts() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        let store = try Store.open(options(dir, clock))
        try store.append(readings(clock, 1...5))
        try store.flush()
        try store.append(readings(clock, 6...7))  // still in memory
        let page = try store.peek(max: 3)
        #expect(page.map(\.reading.value) == [1, 2, 3])
        #expect(try store.peek(from: page[2].id.sequence + 1, max: 10).map(\.reading.value) == [4, 5, 6, 7])
        #expect(try store.lease(max: 10).count == 7)  // peeking leased nothing
        let last = try store.peek(max: 10).last!.id.sequence
        #expect(try store.purge() == 7)
        #expect(try store.peek(max: 10).isEmpty)
        #expect(try store.lease(max: 10).isEmpty)
        let stats = try store.stats()
        #expect(stats.depth == 0)
        #expect(stats.evicted[.purged] == 7)
        // Ids go on after a purge, also across a restart.
        try store.close()
        let reopened = try Store.open(options(dir, clock))
        let next = try reopened.append(readings(clock, 8...8))
        #expect(next[0].id.sequence > last)
        try reopened.close()
    }

    @Test func leaseAckAndReturn() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        let store = try Store.open(options(dir, clock))
        try store.append(readings(clock, 1...10))
        try store.flush()
        let a = try store.lease(max: 4)
        let b = try store.lease(max: 4)
        #expect(a.map(\.reading.value) == [1, 2, 3, 4])
        #expect(b.map(\.reading.value) == [5, 6, 7, 8])
        try store.acknowledge(a.map(\.id))
        var stats = try store.stats()
        #expect(stats.depth == 6)
        #expect(stats.leased == 4)
        #expect(stats.deliveredTotal == 4)
        // Disconnect: b comes back, a is gone.
        store.returnLeases()
        let c = try store.lease(max: 100)
        #expect(c.map(\.reading.value) == [5, 6, 7, 8, 9, 10])
        try store.acknowledge([c[0].id])
        try store.close()
        // A restart returns leases too, and acknowledged readings stay gone.
        let reopened = try Store.open(options(dir, clock))
        #expect(try reopened.lease(max: 100).map(\.reading.value) == [6, 7, 8, 9, 10])
        stats = try reopened.stats()
        #expect(stats.depth == 5)
        #expect(stats.deliveredTotal == 5)
        try reopened.close()
    }

    @Test func liveReadingsComeBeforeTheBacklog() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        var store = try Store.open(options(dir, clock))
        try store.append(readings(clock, 1...100))
        try store.close()
        store = try Store.open(options(dir, clock))
        try store.append(readings(clock, 1001...1005))
        // 8 slots: 5 live, then the oldest backlog.
        let batch = try store.lease(max: 8)
        #expect(batch.map(\.reading.value) == [1001, 1002, 1003, 1004, 1005, 1, 2, 3])
        // A heavy live stream still leaves a quarter of each batch to the backlog.
        try store.append(readings(clock, 2001...2020))
        let next = try store.lease(max: 8)
        #expect(next.map(\.reading.value) == [2001, 2002, 2003, 2004, 2005, 2006, 4, 5])
        try store.close()
    }

    @Test func acknowledgedBeforeCommitIsNeverWritten() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        let store = try Store.open(options(dir, clock))
        let ids = try store.append(readings(clock, 1...3)).map(\.id)
        _ = try store.lease(max: 3)
        try store.acknowledge(ids)
        clock.advance(ms: 1000)
        try store.tick()
        let rows = try store.withEngine { engine in try engine.db!.scalarInt("SELECT count(*) FROM readings") }
        #expect(rows == 0)
        #expect(try store.stats().deliveredTotal == 3)
        try store.close()
    }
}
