import Glibc
import StationSystem

/// Helpers shared by the benchmark modes. No Foundation: its footprint would
/// distort the memory figures.

func monotonicNanos() -> UInt64 { MonotonicClock.nowNanos() }

func seconds() -> Double { Double(monotonicNanos()) / 1e9 }

func seconds(_ d: Duration) -> Double {
    let (s, attoseconds) = d.components
    return Double(s) + Double(attoseconds) / 1e18
}

/// One decimal, and none when it is zero: figures in `key=value` lines.
func format(_ value: Double) -> String {
    let scaled = (value * 10).rounded() / 10
    return scaled == scaled.rounded() ? String(Int(scaled)) : String(scaled)
}

/// `x` with `digits` decimals, without Foundation's `String(format:)`.
func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return x.description }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int64((abs(x) * scale).rounded())
    let whole = scaled / Int64(scale)
    var fraction = String(scaled % Int64(scale))
    fraction = String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
    return (x < 0 && scaled != 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + fraction : "")
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// A `key: value` field of a /proc file, as an integer; -1 when missing.
func procField(_ path: String, _ key: String) -> Int {
    ProcessIO.fields(path)?[key].map { Int($0) } ?? -1
}

/// Bytes this process caused to be sent to the storage layer (dirtied in
/// the page cache, or submitted directly), from /proc/self/io.
func writeBytes() -> Int { procField("/proc/self/io", "write_bytes") }

func residentKB() -> Int { procField("/proc/self/status", "VmRSS") }

/// Peak resident set size in KiB (`VmHWM`).
func peakResidentKB() -> Int { procField("/proc/self/status", "VmHWM") }

/// Runs this executable with `args` (a fresh process, default signal state)
/// and returns its standard output; throws when it fails.
func runSelf(_ args: [String]) throws -> String {
    guard let exe = FileSystem.executablePath else { throw BenchError("cannot find my own executable") }
    let pipe = try Pipe.make()
    let child = try ChildProcess.spawn(exe, args, stdout: .fileDescriptor(pipe.write))
    pipe.write.close()
    defer { pipe.read.close() }
    let output = try pipe.read.readToEnd()
    let ended = try child.wait()
    guard ended == .exited(0) else { throw BenchError("\(args.joined(separator: " ")) ended: \(ended)") }
    return String(decoding: output, as: UTF8.self)
}
