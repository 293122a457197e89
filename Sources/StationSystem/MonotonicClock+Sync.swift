#if canImport(Glibc)
import Glibc
#endif

extension MonotonicClock {
    /// Whether the kernel says the wall clock is synchronised: `adjtimex(2)`
    /// with `modes = 0` (read only) returns a state other than `TIME_ERROR`
    /// and `STA_UNSYNC` is clear. The kernel keeps `STA_UNSYNC` set until an
    /// NTP client (chrony, systemd-timesyncd) disciplines the clock.
    public static func wallClockSynchronized() -> Bool {
        guard let adjtimex = Adjtimex.function else { return false }
        // struct timex, zeroed. Oversized on purpose.
        var buffer = [UInt64](repeating: 0, count: 64)
        let (state, status) = buffer.withUnsafeMutableBytes { raw -> (Int32, Int32) in
            let state = adjtimex(raw.baseAddress!)
            return (state, raw.load(fromByteOffset: Adjtimex.statusOffset, as: Int32.self))
        }
        guard state >= 0 else { return false }
        return state != Adjtimex.timeError && (status & Adjtimex.staUnsync) == 0
    }
}

/// Glibc's Swift module map leaves out `<sys/timex.h>`, so `adjtimex` is
/// looked up at run time and `struct timex` read by its documented layout:
/// `int modes; long offset, freq, maxerror, esterror; int status; ...`.
private enum Adjtimex {
    typealias Function = @convention(c) (UnsafeMutableRawPointer) -> Int32

    static let function: Function? = {
        // RTLD_DEFAULT: the symbol as the process's libc exports it.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "adjtimex") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()

    /// `status` follows `modes` (padded to a long) and four longs: 40 on
    /// LP64 (x86_64, aarch64), 20 on 32-bit ARM.
    static let statusOffset = MemoryLayout<Int>.size + 4 * MemoryLayout<Int>.size

    /// `TIME_ERROR` from `<sys/timex.h>`: the clock is not synchronised.
    static let timeError: Int32 = 5
    /// `STA_UNSYNC` from `<linux/timex.h>`.
    static let staUnsync: Int32 = 0x0040
}
