import Glibc
import StationCore
import StationStore

/// `station-bench store-child <dir> <first-value> <seed>`: the victim of the
/// store crash test. Appends numbered readings in random batches, commits
/// each batch, and only then reports it on stdout (`C <seq> <value>`); now
/// and then leases and acknowledges some, reporting them first (`A <seq>`).
/// The test kills it with SIGKILL at a random moment and checks that every
/// reported commit is still there exactly once.
enum StoreCrashChild {
    static func main(_ args: [String]) -> Int32 {
        guard args.count == 3, let first = Int(args[1]), let seed = UInt64(args[2]) else {
            printError("usage: station-bench store-child <dir> <first-value> <seed>")
            return 64
        }
        do {
            let clock = try SystemClock()
            let store = try Store.open(StoreOptions(directory: args[0], stationID: "crash-test", clock: clock))
            var random = SplitMix64(seed: seed)
            var value = first
            while true {
                let count = Int(random.next() % 64) + 1
                var batch: [Reading] = []
                for _ in 0..<count {
                    let now = clock.now()
                    let kind: ReadingKind = value % 7 == 0 ? .stateChange : .sample
                    batch.append(Reading(
                        sensor: "sensor-\(value % 5)", quantity: "q", value: Double(value), unit: "u", kind: kind,
                        bootID: now.bootID, monotonicNanos: now.monotonicNanos, wallNanos: now.wallNanos,
                        timeTrust: now.timeTrust))
                    value += 1
                }
                let stored = try store.append(batch)
                try store.flush()
                report(stored.map { "C \($0.id.sequence) \(Int($0.reading.value))\n" }.joined())
                if random.next() % 4 == 0 {
                    let leased = try store.lease(max: Int(random.next() % 32) + 1)
                    let acked = leased.filter { _ in random.next() % 2 == 0 }
                    report(acked.map { "A \($0.id.sequence)\n" }.joined())
                    try store.acknowledge(acked.map(\.id))
                }
                if random.next() % 8 == 0 { try store.tick() }
            }
        } catch {
            printError("store-child: \(error)")
            return 1
        }
    }

    /// Unbuffered, so what the parent reads is exactly what was committed.
    private static func report(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { exit(3) }
            offset += n
        }
        bytes.removeAll()
    }
}

/// A small seeded generator: the crash test must be reproducible.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
