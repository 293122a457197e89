import Glibc
import StationCore
import Synchronization

@testable import StationStore

/// A clock the test moves by hand: boot-relative time, wall time and the
/// kernel's synchronised flag are all independent, as on a board without RTC.
final class ManualClock: ClockSource, Sendable {
    private let state: Mutex<ClockSnapshot>

    init(boot: String = "b0000000000000000000000000000001", mono: UInt64 = 10_000_000_000,
         wall: Int64 = 946_684_800_000_000_000, synchronized: Bool = false) {
        state = Mutex(ClockSnapshot(bootID: BootID(hex: boot), monotonicNanos: mono, wallNanos: wall, synchronized: synchronized))
    }

    func now() -> ClockSnapshot { state.withLock { $0 } }

    func advance(ms: UInt64) {
        state.withLock {
            $0.monotonicNanos += ms * 1_000_000
            $0.wallNanos += Int64(ms) * 1_000_000
        }
    }

    /// The wall clock jumps (NTP step, a technician's `date -s`).
    func jumpWall(byNanos delta: Int64) { state.withLock { $0.wallNanos += delta } }

    /// An NTP client steps the wall clock to `wall` and the kernel clears
    /// STA_UNSYNC.
    func synchronize(wall: Int64) {
        state.withLock {
            $0.wallNanos = wall
            $0.synchronized = true
        }
    }
}

/// A fresh directory under the system temp dir, removed by `cleanup()`.
struct TempDir {
    let path: String

    init() {
        var template = Array("/tmp/station-store-test-XXXXXX".utf8CString)
        let result = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(result != nil, "mkdtemp failed")
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func cleanup() {
        guard let dir = opendir(path) else { return }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { unlink(file(name)) }
        }
        closedir(dir)
        rmdir(path)
    }

    func entries() -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}

func options(_ dir: TempDir, _ clock: some ClockSource, station: String = "st-test",
             sync: SyncPolicy = .default, maxBytes: Int = 64 << 20, maxAge: Int? = nil) -> StoreOptions {
    StoreOptions(directory: dir.path, stationID: station, clock: clock, sync: sync,
                 maxBytes: maxBytes, maxAgeSeconds: maxAge)
}

func reading(_ clock: some ClockSource, _ value: Double, kind: ReadingKind = .sample,
             sensor: String = "pm-1", quantity: String = "pm2_5") -> Reading {
    let now = clock.now()
    return Reading(sensor: sensor, quantity: quantity, value: value, unit: "ug/m3", kind: kind,
                   bootID: now.bootID, monotonicNanos: now.monotonicNanos, wallNanos: now.wallNanos,
                   timeTrust: now.timeTrust)
}

func readings(_ clock: some ClockSource, _ values: ClosedRange<Int>, kind: ReadingKind = .sample) -> [Reading] {
    values.map { reading(clock, Double($0), kind: kind) }
}
