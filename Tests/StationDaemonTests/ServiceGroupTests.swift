import StationCore
@testable import StationDaemon
import Synchronization
import Testing

/// Records what happens to services, in order.
final class Journal: Sendable {
    private let events = Mutex<[String]>([])
    func add(_ event: String) { events.withLock { $0.append(event) } }
    var all: [String] { events.withLock { $0 } }
}

struct RecordingService: Service {
    let name: String
    let journal: Journal
    var failPrepare = false
    var ignoresCancellation = false

    func prepare() async throws {
        journal.add("prepare \(name)")
        if failPrepare { throw SystemFailure() }
    }

    func release() { journal.add("release \(name)") }

    func run() async throws {
        journal.add("run \(name)")
        while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) }
        if ignoresCancellation {
            // Stands for a part stuck in a blocking call after it was asked to stop:
            // a detached task is not cancelled with us.
            await Task.detached { try? await Task.sleep(for: .seconds(1)) }.value
        }
        journal.add("stopped \(name)")
    }
}

struct SystemFailure: Error, CustomStringConvertible {
    var description: String { "disk on fire" }
}

@Suite struct ServiceGroupTests {
    let logger = Logger(label: "test", handler: NoLogHandler(), threshold: LogThreshold(.debug))

    @Test func preparesInOrderAndStopsInReverse() async throws {
        let journal = Journal()
        let group = ServiceGroup(
            services: ["store", "uplink", "sensors"].map { RecordingService(name: $0, journal: journal) }, logger: logger)
        try await group.prepare()
        group.start { _, _ in journal.add("unexpected exit") }
        while journal.all.filter({ $0.hasPrefix("run") }).count < 3 { try await Task.sleep(for: .milliseconds(5)) }
        let late = await group.stop()
        #expect(late.isEmpty)
        let all = journal.all
        #expect(Array(all.prefix(3)) == ["prepare store", "prepare uplink", "prepare sensors"])
        #expect(Array(all.suffix(3)) == ["stopped sensors", "stopped uplink", "stopped store"])
    }

    @Test func failedPrepareNamesTheServiceAndReleasesThoseBefore() async {
        let journal = Journal()
        let group = ServiceGroup(services: [
            RecordingService(name: "store", journal: journal),
            RecordingService(name: "control", journal: journal),
            RecordingService(name: "uplink", journal: journal, failPrepare: true),
            RecordingService(name: "sensors", journal: journal),
        ], logger: logger)
        do {
            try await group.prepare()
            Issue.record("prepare succeeded")
        } catch {
            #expect("\(error)" == "uplink: disk on fire")
        }
        #expect(journal.all == ["prepare store", "prepare control", "prepare uplink", "release control", "release store"])
    }

    @Test func aStuckServiceDoesNotHoldUpShutdownBeyondItsTimeout() async throws {
        let journal = Journal()
        let group = ServiceGroup(services: [
            RecordingService(name: "store", journal: journal),
            RecordingService(name: "stuck", journal: journal, ignoresCancellation: true),
        ], shutdownTimeout: .milliseconds(300), logger: logger)
        try await group.prepare()
        group.start { _, _ in }
        try await Task.sleep(for: .milliseconds(50))
        let late = await group.stop()
        #expect(late == ["stuck"])
        #expect(journal.all.contains("stopped store"))
    }

    @Test func aServiceThatEndsOnItsOwnIsReported() async throws {
        struct Quitter: Service {
            let name = "quitter"
            func run() async throws { throw SystemFailure() }
        }
        let reported = Mutex<[String]>([])
        let group = ServiceGroup(services: [Quitter()], logger: logger)
        group.start { name, error in reported.withLock { $0.append("\(name): \(error.map { "\($0)" } ?? "returned")") } }
        for _ in 0..<200 where reported.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(5)) }
        #expect(reported.withLock { $0 } == ["quitter: disk on fire"])
        await group.stop()
    }
}
