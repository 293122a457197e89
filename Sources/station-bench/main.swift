// station-bench <mode>: measured figures for docs and CI, one file per mode.
// The last line printed is `key=value` pairs for scripts to parse.
import Glibc

let arguments = CommandLine.arguments
switch arguments.count > 1 ? arguments[1] : "" {
case "store-child":
    exit(StoreCrashChild.main(Array(arguments.dropFirst(2))))
default:
    printError("usage: station-bench store-child <dir> <first-value> <seed>")
    exit(64)
}
