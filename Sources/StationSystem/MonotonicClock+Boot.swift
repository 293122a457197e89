#if canImport(Glibc)
import Glibc
#endif

extension MonotonicClock {
    /// `CLOCK_BOOTTIME` in nanoseconds: like `CLOCK_MONOTONIC` but it keeps
    /// counting through suspend, so it is the time base readings carry.
    public static func bootNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_BOOTTIME, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
