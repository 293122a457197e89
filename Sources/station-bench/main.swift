// station-bench MODE [options]: the measurements behind the figures in docs/;
// one file per mode. The last line of every mode is `key=value` figures.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

let modes: [(name: String, summary: String, run: ([String]) async -> Int32)] = [
    ("toml", "decode a ~2,000-line station config [--file F] [--iterations N] [--emit]", TOMLBenchmark.run),
    ("store", "the store's figures (build with -c release) [--quick] [--dir PATH]", StoreBenchmark.main),
    ("store-fill", "(internal) fill a store with a backlog to experiment on: <dir> <readings>", StoreBenchmark.fillMain),
    ("store-probe", "(internal) open a store in a fresh process: <dir> [--no-close|--verify]", StoreBenchmark.probeMain),
    ("store-child", "(internal) the crash test's victim: <dir> <n> <seed>", StoreCrashChild.main),
    ("uplink", "uplink figures against a loopback mosquitto (build with -c release) [--latency-seconds N]", { arguments in
        do {
            try await UplinkBenchmark.run(arguments)
            return 0
        } catch {
            printError("station-bench uplink: \(error)")
            return 1
        }
    }),
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let mode = modes.first(where: { $0.name == name }) else {
    var usage = "usage: station-bench MODE [options]\nmodes:\n"
    for mode in modes { usage += "  \(mode.name)  \(mode.summary)\n" }
    printError(usage)
    exit(64)  // EX_USAGE
}
exit(await mode.run(Array(arguments.dropFirst())))
