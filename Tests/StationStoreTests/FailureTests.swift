import Glibc
import StationCore
import StationSystem
import StationTesting
import Testing

@testable import StationStore

@Suite struct FailureTests {
    /// SQLite's page limit stands in for a full filesystem: the commit fails
    /// with SQLITE_FULL exactly as on a full disk.
    @Test func diskFullKeepsRunningEvictsAndRecovers() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        let store = try Store.open(options(dir, clock))
        try store.append(readings(clock, 1...50, kind: .stateChange))
        try store.flush()
        let pages = try store.withEngine { try $0.db!.scalarInt("PRAGMA page_count") ?? 0 }
        try store.withEngine { try $0.db!.exec("PRAGMA max_page_count=\(pages + 120)") }
        var appended = 50
        for batch in 0..<30 {
            var items = readings(clock, 1...200)
            items.append(reading(clock, Double(batch), kind: .stateChange, sensor: "bay-1", quantity: "occupied"))
            try store.append(items)
            appended += items.count
            try store.flush()  // must not throw: disk full is survived
        }
        var stats = try store.stats()
        #expect(stats.alarms.contains(.diskFull))
        #expect(stats.evicted[.diskFull, default: 0] > 0)
        let changes = try store.withEngine { try $0.db!.scalarInt("SELECT count(*) FROM readings WHERE kind = 0") }
        #expect(changes == 80)  // every state change kept
        // Space returns: the next commit passes at once and the alarm clears.
        try store.withEngine { try $0.db!.exec("PRAGMA max_page_count=1000000") }
        try store.append(readings(clock, 1...10))
        try store.flush()
        stats = try store.stats()
        #expect(!stats.alarms.contains(.diskFull))
        #expect(stats.uncommitted == 0)
        #expect(stats.depth + Int(stats.evicted[.diskFull]!) == appended + 10)
        try store.close()
    }

    @Test func anIOErrorIsSurvivedByReopening() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        let store = try Store.open(options(dir, clock))
        try store.append(readings(clock, 1...5))
        store.withEngine { $0.injectedCommitFailures = 1 }
        try store.flush()
        let stats = try store.stats()
        #expect(stats.uncommitted == 0)
        #expect(stats.alarms.contains { if case .ioErrorRecovered = $0 { true } else { false } })
        try store.close()
        let reopened = try Store.open(options(dir, clock))
        #expect(try reopened.lease(max: 10).map(\.reading.value) == [1, 2, 3, 4, 5])
        try reopened.close()
    }

    /// Every retried operation runs again on the reopened connection: the
    /// sequence reservation of a first append, a group commit, and the
    /// eviction that follows it.
    @Test func retriesRunOnTheReopenedConnection() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        let store = try Store.open(options(dir, clock, maxBytes: 128 << 10))
        store.withEngine { $0.injectedCommitFailures = 1 }
        let first = try store.append(readings(clock, 1...3))
        #expect(first.map(\.id.sequence) == [1, 2, 3])
        #expect(store.withEngine { $0.injectedCommitFailures } == 0)
        try store.flush()
        var evicted: UInt64 = 0
        for _ in 0..<40 where evicted == 0 {
            try store.append(readings(clock, 1...200))
            store.withEngine { $0.injectedCommitFailures = 1 }
            try store.flush()
            evicted = try store.stats().evicted[.maxBytes, default: 0]
        }
        #expect(evicted > 0)
        let stats = try store.stats()
        #expect(stats.uncommitted == 0)
        #expect(stats.alarms.contains { if case .ioErrorRecovered = $0 { true } else { false } })
        try store.close()
    }

    /// A failed sync that comes back is fatal, and nothing is deleted or
    /// reported committed on its word.
    @Test func aPersistentIOErrorIsFatalAndDeletesNothing() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        do {
            let store = try Store.open(options(dir, clock))
            try store.append(readings(clock, 1...5))
            try store.flush()
            let leased = try store.lease(max: 2)
            try store.acknowledge(leased.map(\.id))  // deletion waits for the next commit
            try store.append(readings(clock, 6...7))
            store.withEngine { $0.injectedCommitFailures = 2 }
            let error = #expect(throws: StoreError.self) { try store.flush() }
            #expect(error?.code == .io)
            #expect(error?.isFatal == true)
            #expect(error?.path == dir.file("store.db"))
            #expect(error?.detail.contains("failed twice") == true)
            // Stopped: no more appends, leases or acknowledgements.
            #expect(throws: StoreError.self) { try store.append(readings(clock, 8...8)) }
            #expect(throws: StoreError.self) { try store.lease(max: 1) }
        }
        // Restarted (as systemd would): the acknowledged rows were not
        // deleted and will be sent again; 6 and 7 were never committed.
        let store = try Store.open(options(dir, clock))
        #expect(try store.lease(max: 10).map(\.reading.value) == [1, 2, 3, 4, 5])
        try store.close()
    }

    @Test func garbageFileIsQuarantinedAndTheStoreStartsFresh() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let garbage = Array(repeating: Array("this is not an SQLite database\n".utf8), count: 200).flatMap { $0 }
        try write(garbage, to: dir.file("store.db"))
        let clock = ManualClock()
        let store = try Store.open(options(dir, clock))
        let stats = try store.stats()
        let quarantined = stats.alarms.compactMap { if case .quarantined(let path) = $0 { path } else { nil } }
        #expect(quarantined.count == 1)
        let path = try #require(quarantined.first)
        #expect(path.hasPrefix(dir.file("store.db.corrupt-")))
        #expect(path.hasSuffix("Z"))
        #expect(access(path, F_OK) == 0)
        #expect(stats.depth == 0)
        try store.append(readings(clock, 1...3))
        try store.close()
        #expect(try Store.open(options(dir, clock)).lease(max: 5).count == 3)
    }

    /// After a power cut (the store was open, and the next open is in another
    /// boot) the start-up check runs and finds damaged pages.
    @Test func damagedPagesFailTheStartUpCheck() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        do {
            let store = try Store.open(options(dir, clock))
            for _ in 0..<10 { try store.append(readings(clock, 1...500)) }
            try store.checkpoint()
            // Dropped without close, as in a kill.
        }
        // Overwrite twenty pages in the middle of the table with noise.
        let fd = open(dir.file("store.db"), O_WRONLY)
        #expect(fd >= 0)
        var noise = [UInt8](repeating: 0, count: 20 * 512)
        for i in noise.indices { noise[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 7) }
        #expect(pwrite(fd, noise, noise.count, 40 * 512) == noise.count)
        close(fd)
        let rebooted = ManualClock(boot: "c0000000000000000000000000000000")
        let store = try Store.open(options(dir, rebooted))
        let stats = try store.stats()
        #expect(stats.depth == 0)
        #expect(stats.alarms.contains { if case .quarantined = $0 { true } else { false } })
        #expect(((try? FileSystem.list(dir.path)) ?? []).contains { $0.hasPrefix("store.db.corrupt-") })
        try store.close()
    }
}

extension FailureTests {
    @Test func thePeriodicLogSyncRunsAndAFailureIsRetriedOnceThenFatal() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        let store = try Store.open(options(dir, clock, sync: .interval(milliseconds: 1000)))
        func unsynced() -> Bool { store.withEngine { $0.unsyncedCommits } }
        try store.append(readings(clock, 1...3))
        try store.flush()
        #expect(unsynced())
        clock.advance(ms: 500)
        try store.tick()
        #expect(unsynced())  // not yet due
        clock.advance(ms: 600)
        try store.tick()
        #expect(!unsynced())

        try store.append(readings(clock, 4...6))
        try store.flush()
        clock.advance(ms: 1100)
        store.withEngine { $0.injectedSyncFailures = 1 }
        try store.tick()
        #expect(!unsynced())
        #expect(try store.stats().alarms.contains { if case .ioErrorRecovered = $0 { true } else { false } })

        try store.append(readings(clock, 7...9))
        try store.flush()
        clock.advance(ms: 1100)
        store.withEngine { $0.injectedSyncFailures = 2 }
        let error = #expect(throws: StoreError.self) { try store.tick() }
        #expect(error?.isFatal == true)
        #expect(error?.path == dir.file("store.db"))
        #expect(error?.detail.contains("fdatasync") == true)
    }

    @Test func theFullCheckRunsOnlyWhenDamageIsPossible() throws {
        let dir = try TemporaryDirectory(prefix: "station-store-test")
        defer { dir.remove() }
        let clock = ManualClock()
        func open(_ clock: ManualClock, verify: Bool = false) throws -> (store: Store, checked: Bool, counted: Bool) {
            var opts = options(dir, clock)
            opts.verifyOnOpen = verify
            let store = try Store.open(opts)
            // What the daemon logs at start-up says the same.
            #expect(store.opening.checked == store.withEngine { $0.lastOpenRanQuickCheck })
            #expect(store.opening.counted == store.withEngine { $0.lastOpenCounted })
            return (store, store.opening.checked, store.opening.counted)
        }
        do {
            let (store, checked, counted) = try open(clock)
            #expect(checked && counted)  // a new file
            try store.append(readings(clock, 1...300))
            try store.flush()
            try store.acknowledge(try store.lease(max: 100).map(\.id))
            try store.close()
        }
        do {
            let (store, checked, counted) = try open(clock)
            #expect(!checked && !counted)  // closed cleanly: the saved count
            #expect(try store.stats().depth == 200)
            try store.append(readings(clock, 1...5))
            try store.flush()
            // Dropped without close: the process was killed.
        }
        do {
            let (store, checked, counted) = try open(clock)
            #expect(!checked && counted)  // killed in this boot: pages are sound
            #expect(try store.stats().depth == 205)
            try store.append(readings(clock, 1...5))
            try store.flush()
            // Dropped without close, and then the power went.
        }
        let rebooted = ManualClock(boot: "d0000000000000000000000000000000")
        do {
            let (store, checked, counted) = try open(rebooted)
            #expect(checked && counted)
            #expect(store.opening.description.contains("start-up check passed"))
            #expect(try store.stats().depth == 210)
            try store.close()
        }
        let (store, checked, _) = try open(rebooted, verify: true)
        #expect(checked)
        try store.close()
    }
}

func write(_ bytes: [UInt8], to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw StoreError(.invalidOptions, path: path, detail: "cannot create test file") }
    defer { close(fd) }
    guard Glibc.write(fd, bytes, bytes.count) == bytes.count else {
        throw StoreError(.invalidOptions, path: path, detail: "short write")
    }
}
