// station-bench: measurements behind the figures in docs/.
// Usage: station-bench MODE [options]; each mode prints key=value figures as its last line.
import StationSystem

#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
let modes: [String: (_ arguments: [String]) async throws -> Void] = [
    "uplink": UplinkBenchmark.run,
]

guard let mode = arguments.first, let body = modes[mode] else {
    let names = modes.keys.sorted().joined(separator: "|")
    try? FileDescriptor.standardError.writeAll("usage: station-bench \(names) [options]\n")
    exit(2)
}
do {
    try await body(Array(arguments.dropFirst()))
} catch {
    try? FileDescriptor.standardError.writeAll("station-bench \(mode): \(error)\n")
    exit(1)
}
