import StationSystem
import StationTesting
import Testing

/// Help texts are part of the contract with technicians (and their notes and
/// scripts): each is compared with a committed golden file. After an
/// intended change: `STATION_UPDATE_GOLDENS=1 swift test --filter HelpGoldenTests`.
@Suite struct HelpGoldenTests {
    static let goldens = BuiltProducts.packageRoot() + "/Tests/StationctlTests/Goldens/help"

    /// Every command the main help lists, plus the main help itself.
    static func commands() throws -> [[String]] {
        let main = try CommandResult.run(BuiltProducts.path("stationctl"), ["--help"])
        var paths: [[String]] = [[]]
        var inCommands = false
        for line in main.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "COMMANDS:" { inCommands = true; continue }
            guard inCommands else { continue }
            guard line.hasPrefix("  ") else { break }
            let words = line.dropFirst(2).prefix(18).split(separator: " ").map(String.init)
            paths.append(words)
        }
        return paths
    }

    @Test func everyHelpTextMatchesItsGoldenAndFits80Columns() throws {
        let paths = try Self.commands()
        #expect(paths.count >= 18)
        let update = Environment.get("STATION_UPDATE_GOLDENS") == "1"
        for path in paths {
            let result = try CommandResult.run(BuiltProducts.path("stationctl"), path + ["--help"])
            #expect(result.status == .exited(0), "\(path)")
            let name = path.isEmpty ? "stationctl" : path.joined(separator: "-")
            let file = "\(Self.goldens)/\(name).txt"
            if update {
                try FileSystem.writeAtomically(file, Array(result.stdout.utf8))
                continue
            }
            let golden = (try? FileSystem.readFile(file)).map { String(decoding: $0, as: UTF8.self) }
            #expect(golden != nil, "no golden for `stationctl \(path.joined(separator: " ")) --help`: \(file)")
            #expect(result.stdout == golden, "`stationctl \(path.joined(separator: " ")) --help` differs from \(file)")
            for line in result.stdout.split(separator: "\n") {
                #expect(line.count <= 80, "`\(name)` help line over 80 columns: \(line)")
            }
        }
    }

    @Test func usageErrorsPrintTheCommandsHelpAndExit64() throws {
        for (arguments, help) in [(["status", "--bogus"], "status"), (["queue", "peek", "0"], "queue-peek"), (["config", "apply"], "config-apply")] {
            let result = try CommandResult.run(BuiltProducts.path("stationctl"), arguments)
            #expect(result.status == .exited(64), "\(arguments)")
            let golden = String(decoding: (try? FileSystem.readFile("\(Self.goldens)/\(help).txt")) ?? [], as: UTF8.self)
            #expect(!golden.isEmpty && result.stderr.hasSuffix(golden), "\(arguments): \(result.stderr)")
        }
    }
}
