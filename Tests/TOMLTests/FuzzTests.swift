#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Testing
import TOML

/// Seeded, reproducible fuzzing: random and mutated inputs must be decoded or
/// refused with an in-range position, never crash or hang.
///
/// `TOML_FUZZ_SEED` and `TOML_FUZZ_COUNT` override the defaults, e.g. to
/// replay a failure reported as "seed S, input N".
@Suite struct FuzzTests {
    static let defaultSeed: UInt64 = 0x5EED_70B1
    static let defaultCount = 100_000

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    @Test func randomAndMutatedInputs() {
        let seed = Self.environment("TOML_FUZZ_SEED").flatMap { UInt64($0) } ?? Self.defaultSeed
        let count = Self.environment("TOML_FUZZ_COUNT").flatMap { Int($0) } ?? Self.defaultCount
        var corpus = [Array(FuzzCorpus.stationConfig.utf8)]
        if let root = TestFiles.suiteRoot {
            for name in TestFiles.listedCases() where name.hasPrefix("valid/") {
                if let bytes = TestFiles.read(root + "/tests/" + name) { corpus.append(bytes) }
            }
        } else {
            print("fuzz: ../shared/toml-test not found; mutating the built-in config only")
        }
        var generator = FuzzInputs(seed: seed, corpus: corpus)
        let clock = ContinuousClock()
        let started = clock.now
        var slowest: Duration = .zero
        var accepted = 0
        for n in 0..<count {
            let input = generator.next()
            let t0 = clock.now
            do {
                _ = try TOMLDecoder.decode(bytes: input)
                accepted += 1
            } catch {
                let lines = input.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                if error.position.line < 1 || error.position.line > lines || error.position.column < 1 {
                    Issue.record("seed \(seed), input \(n): position \(error.position) out of range")
                }
            }
            let elapsed = clock.now - t0
            slowest = max(slowest, elapsed)
            if elapsed > .seconds(1) {
                Issue.record("seed \(seed), input \(n): \(input.count) bytes took \(elapsed)")
            }
        }
        print("fuzz: seed \(seed), \(count) inputs (\(accepted) accepted) in \(clock.now - started), slowest \(slowest)")
    }
}

/// A deterministic source of fuzz inputs (SplitMix64).
struct FuzzInputs {
    var state: UInt64
    let corpus: [[UInt8]]

    init(seed: UInt64, corpus: [[UInt8]]) {
        state = seed
        self.corpus = corpus
    }

    mutating func random() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(random() % UInt64(n)) }

    /// Pieces that steer mutations into the parser's corners.
    static let tokens: [[UInt8]] = [
        "[", "]", "[[", "]]", "{", "}", "=", ".", ",", "\"", "'", "\"\"\"", "'''", "#", "\n", "\r\n",
        "\r", "\\", "\\u", "\\U0010FFFF", "\\uD800", "0x", "0o", "0b", "1e", "_", " ", "\t", "+", "-",
        "inf", "nan", "true", "1979-05-27T07:32:00Z", "07:32:00", "2000-02-29", "a.b.c", "\"k\"",
        "9223372036854775808", "-0.0", "\u{FEFF}", "ü", "µ",
    ].map { Array($0.utf8) } + [[0xC3], [0xFF], [0xED, 0xA0, 0x80], [0x00], [0x7F], [0xF4, 0x90, 0x80, 0x80]]

    mutating func next() -> [UInt8] {
        switch below(20) {
        case 0: return randomTokens()
        case 1: return deepNesting()
        case 2: return (0..<below(64)).map { _ in UInt8(truncatingIfNeeded: random()) }
        default: return mutated()
        }
    }

    mutating func mutated() -> [UInt8] {
        var bytes = corpus[below(corpus.count)]
        // Large seeds are cut to a window so each input stays cheap in debug builds.
        if bytes.count > 2048 {
            let start = below(bytes.count - 2048)
            bytes = Array(bytes[start..<start + 2048])
        }
        for _ in 0...below(4) {
            let at = below(bytes.count + 1)
            switch below(7) {
            case 0 where !bytes.isEmpty:
                bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: random())
            case 1 where !bytes.isEmpty:
                bytes[min(at, bytes.count - 1)] ^= UInt8(1) << UInt8(below(8))
            case 2:
                bytes.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: at)
            case 3 where at < bytes.count:
                bytes.removeSubrange(at..<min(bytes.count, at + 1 + below(16)))
            case 4:
                bytes.removeSubrange(at...)
            case 5 where at < bytes.count:
                let span = bytes[at..<min(bytes.count, at + 1 + below(64))]
                bytes.insert(contentsOf: span, at: below(bytes.count + 1))
            default:
                let other = corpus[below(corpus.count)]
                let from = below(other.count + 1)
                bytes.insert(contentsOf: other[from..<min(other.count, from + below(256))], at: at)
            }
        }
        return bytes
    }

    mutating func randomTokens() -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<below(48) { bytes += Self.tokens[below(Self.tokens.count)] }
        return bytes
    }

    mutating func deepNesting() -> [UInt8] {
        let openers: [[UInt8]] = [Array("[".utf8), Array("{a=".utf8), Array("[{b=".utf8), Array("a.".utf8)]
        let opener = openers[below(openers.count)]
        var bytes = Array("a=".utf8)
        for _ in 0..<(1 + below(400)) { bytes += opener }
        if below(2) == 0 { bytes += Array("1".utf8) + Array(repeating: UInt8(ascii: "]"), count: below(400)) }
        return bytes
    }
}
