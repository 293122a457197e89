// station-bench MODE [options]: in-process benchmarks; one file per mode.
// The last line of every mode is `key=value` figures for scripts.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

let modes: [(name: String, summary: String, run: ([String]) -> Int32)] = [
    ("toml", "decode a ~2,000-line station config [--file F] [--iterations N] [--emit]", TOMLBenchmark.run),
    ("store", "the store's figures (build with -c release) [--quick] [--dir PATH]", StoreBenchmark.main),
    ("store-probe", "(internal) open a store in a fresh process: <dir> [--no-close|--verify]", StoreBenchmark.probeMain),
    ("store-child", "(internal) the crash test's victim: <dir> <n> <seed>", StoreCrashChild.main),
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let mode = modes.first(where: { $0.name == name }) else {
    var usage = "usage: station-bench MODE [options]\nmodes:\n"
    for mode in modes { usage += "  \(mode.name)  \(mode.summary)\n" }
    BenchSupport.writeError(usage)
    exit(64)  // EX_USAGE
}
exit(mode.run(Array(arguments.dropFirst())))
