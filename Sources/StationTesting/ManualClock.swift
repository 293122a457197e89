import StationCore
import StationStore
import Synchronization

/// A clock moved by hand: boot-relative time, wall time and the kernel's
/// synchronised flag are all independent, as on a board without RTC. Tests
/// use it to cross hours in microseconds; the store benchmark uses it to
/// run a steady state long enough to include real checkpoints.
public final class ManualClock: ClockSource, Sendable {
    private let state: Mutex<ClockSnapshot>

    public init(boot: String = "b0000000000000000000000000000001", mono: UInt64 = 10_000_000_000,
                wall: Int64 = 946_684_800_000_000_000, synchronized: Bool = false) {
        state = Mutex(ClockSnapshot(bootID: BootID(hex: boot), monotonicNanos: mono, wallNanos: wall, synchronized: synchronized))
    }

    public func now() -> ClockSnapshot { state.withLock { $0 } }

    public func advance(ms: UInt64) { advance(nanos: ms * 1_000_000) }

    public func advance(nanos: UInt64) {
        state.withLock {
            $0.monotonicNanos += nanos
            $0.wallNanos += Int64(nanos)
        }
    }

    /// The wall clock jumps (NTP step, a technician's `date -s`).
    public func jumpWall(byNanos delta: Int64) { state.withLock { $0.wallNanos += delta } }

    /// An NTP client steps the wall clock to `wall` and the kernel clears
    /// STA_UNSYNC.
    public func synchronize(wall: Int64) {
        state.withLock {
            $0.wallNanos = wall
            $0.synchronized = true
        }
    }
}
