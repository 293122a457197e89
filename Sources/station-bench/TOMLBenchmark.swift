import StationSystem
import TOML

/// `station-bench toml`: decodes a realistic station config repeatedly and
/// reports the median decode time, throughput and peak memory.
enum TOMLBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        var file: String? = nil
        var iterations = 200
        var emit = false
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "--file" where i + 1 < arguments.count:
                file = arguments[i + 1]
                i += 1
            case "--iterations" where i + 1 < arguments.count:
                guard let n = Int(arguments[i + 1]), n > 0 else {
                    printError("station-bench toml: --iterations needs a positive number")
                    return 64
                }
                iterations = n
                i += 1
            case "--emit":
                emit = true
            default:
                printError("usage: station-bench toml [--file F] [--iterations N] [--emit]")
                return 64
            }
            i += 1
        }

        let input: [UInt8]
        if let file {
            guard let bytes = try? FileSystem.readFile(file) else {
                printError("station-bench toml: cannot read \(file)")
                return 66  // EX_NOINPUT
            }
            input = bytes
        } else {
            input = Array(StationConfigGenerator.config(minimumLines: 2000).utf8)
        }
        if emit {
            print(String(decoding: input, as: UTF8.self), terminator: "")
            return 0
        }
        let lines = input.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }

        // One checked decode first: a benchmark of a refused file means nothing.
        do {
            _ = try TOMLDecoder.decode(bytes: input)
        } catch {
            printError(error.diagnostic(file: file ?? "<generated>"))
            return 65  // EX_DATAERR
        }

        let clock = ContinuousClock()
        var milliseconds: [Double] = []
        milliseconds.reserveCapacity(iterations)
        var keys = 0
        for _ in 0..<iterations {
            let start = clock.now
            let table = try? TOMLDecoder.decode(bytes: input)
            milliseconds.append(seconds(clock.now - start) * 1000)
            keys &+= table?.count ?? 0  // keeps the result alive
        }
        let median = median(milliseconds)
        let megabytesPerSecond = Double(input.count) / 1e6 / (median / 1000)
        let peak = peakResidentKB()
        let rss = peak >= 0 ? fixed(Double(peak) / 1024, 1) : "unknown"

        print("toml: \(lines) lines, \(input.count) bytes, \(iterations) decodes, \(keys / iterations) top-level keys")
        print("toml: median \(fixed(median, 3)) ms, min \(fixed(milliseconds.min() ?? 0, 3)) ms")
        print(
            "lines=\(lines) bytes=\(input.count) decode_ms_median=\(fixed(median, 3))"
                + " mb_per_s=\(fixed(megabytesPerSecond, 1)) rss_peak_mb=\(rss)")
        return 0
    }
}
