// station-bench <mode>: measured figures for docs and CI, one file per mode.
// The last line printed is `key=value` pairs for scripts to parse.
import Glibc

let arguments = CommandLine.arguments
switch arguments.count > 1 ? arguments[1] : "" {
case "store":
    exit(StoreBenchmark.main(Array(arguments.dropFirst(2))))
case "store-probe":
    exit(StoreBenchmark.probeMain(Array(arguments.dropFirst(2))))
case "store-child":
    exit(StoreCrashChild.main(Array(arguments.dropFirst(2))))
default:
    printError("""
        usage: station-bench <mode>
          store [--quick] [--dir PATH]   the store's figures (build with -c release)
          store-probe <dir> [--no-close|--verify]  (internal) open a store in a fresh process, print rss and open time
          store-child <dir> <n> <seed>   (internal) the crash test's victim
        """)
    exit(64)
}
