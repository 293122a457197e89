#if canImport(Glibc)
import Glibc
#endif
import StationSystem
import StationTesting
import Testing

/// `stationctl` as a technician runs it: output, errors and exit codes.
@Suite struct StationctlTests {
    static func run(_ arguments: [String]) throws -> CommandResult {
        try CommandResult.run(BuiltProducts.path("stationctl"), arguments)
    }

    @Test func validateAcceptsTheSimulatedBoard() throws {
        let root = BuiltProducts.packageRoot()
        let r = try Self.run(["--board-dir", "\(root)/board", "config", "validate", "\(root)/board/sim/station.toml"])
        #expect(r.status == .exited(0))
        #expect(r.stdout.hasPrefix("\(root)/board/sim/station.toml: ok (station sim-0001, board sim, "))
    }

    @Test func validateReportsEveryProblemWithExit78() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("station.toml", "[station]\nid = \"s 1\"\n[mqtt]\nhots = \"b\"\n")
        let r = try Self.run(["config", "validate", file])
        #expect(r.status == .exited(78))
        #expect(r.stderr == """
            \(file):2:6: error: station.id: 's 1' is not a valid station id (letters, digits, '.', '_', '-'; 1 to 64 characters)
            \(file):3:1: error: mqtt.host: required key is missing
            \(file):4:1: error: mqtt.hots: unknown key; did you mean 'host'?
            \(file): 3 error(s)

            """)
    }

    @Test func usageErrorsExit64WithHelp() throws {
        let unknown = try Self.run(["frobnicate"])
        #expect(unknown.status == .exited(64))
        #expect(unknown.stderr.hasPrefix("stationctl: unknown command 'frobnicate'\n\nUSAGE: stationctl"))
        let extra = try Self.run(["config", "validate", "a.toml", "b.toml"])
        #expect(extra.status == .exited(64))
        #expect(extra.stderr.hasPrefix("stationctl: only one FILE, got 'b.toml' too\n\nUSAGE: stationctl config validate"))
    }

    @Test func helpListsCommandsAndExitCodes() throws {
        let r = try Self.run(["--help"])
        #expect(r.status == .exited(0))
        #expect(r.stdout.contains("  config validate   Check a configuration file; no daemon needed.\n"))
        #expect(r.stdout.contains("EXIT CODES: 0 ok, 1 failure, 64 usage, 65 bad data, 69 daemon not\nrunning, 77 permission denied, 78 configuration error."))
        let sub = try Self.run(["config", "validate", "--help"])
        #expect(sub.stdout.hasPrefix("USAGE: stationctl config validate [FILE] [--no-file-checks]"))
    }

    @Test func versionNamesTheLibraries() throws {
        let r = try Self.run(["version"])
        #expect(r.status == .exited(0))
        #expect(r.stdout.hasPrefix("stationctl 0.1.0 (sqlite "))
    }
}
