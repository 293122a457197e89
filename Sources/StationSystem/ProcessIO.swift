#if canImport(Glibc)
import Glibc
#endif

/// What this process costs the machine, as the kernel accounts it: storage
/// writes (`/proc/self/io`, the SD card's wear) and resident memory.
public enum ProcessIO {
    /// Resident set size in bytes (`VmRSS` of /proc/self/status); nil when
    /// it cannot be read.
    public static func residentBytes() -> Int? {
        guard let bytes = try? FileSystem.readFile("/proc/self/status", limit: 16 << 10) else { return nil }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.dropFirst(6).filter(\.isNumber)).map { $0 * 1024 }
        }
        return nil
    }

    /// `write_bytes - cancelled_write_bytes`: page-cache pages this process
    /// dirtied (and direct writes), less what it truncated away before the
    /// kernel wrote it back. Nil when `/proc/self/io` cannot be read
    /// (a kernel without task I/O accounting).
    public static func bytesWritten() -> UInt64? {
        guard let bytes = try? FileSystem.readFile("/proc/self/io", limit: 4096) else { return nil }
        var written: UInt64?
        var cancelled: UInt64 = 0
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: ":")
            guard parts.count == 2, let value = UInt64(parts[1].filter { $0 != " " }) else { continue }
            switch parts[0] {
            case "write_bytes": written = value
            case "cancelled_write_bytes": cancelled = value
            default: break
            }
        }
        return written.map { $0 >= cancelled ? $0 - cancelled : 0 }
    }
}
