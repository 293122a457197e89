#if canImport(Glibc)
import Glibc
#endif

/// What this process costs the machine, as the kernel accounts it: storage
/// writes (`/proc/self/io`, the SD card's wear) and resident memory.
public enum ProcessIO {
    /// The `key: value` lines of a /proc file such as `/proc/self/io` or
    /// `/proc/self/status`, each value as the number its digits make
    /// (`VmRSS:  1234 kB` -> 1234); lines without one are left out. Nil when
    /// the file cannot be read.
    public static func fields(_ path: String) -> [String: UInt64]? {
        guard let bytes = try? FileSystem.readFile(path, limit: 64 << 10) else { return nil }
        var fields: [String: UInt64] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":"),
                let value = UInt64(line[line.index(after: colon)...].filter(\.isNumber))
            else { continue }
            fields[String(line[..<colon])] = value
        }
        return fields
    }

    /// Resident set size in bytes (`VmRSS` of /proc/self/status); nil when
    /// it cannot be read.
    public static func residentBytes() -> Int? {
        fields("/proc/self/status")?["VmRSS"].map { Int($0) * 1024 }
    }

    /// `write_bytes - cancelled_write_bytes`: page-cache pages this process
    /// dirtied (and direct writes), less what it truncated away before the
    /// kernel wrote it back. Nil when `/proc/self/io` cannot be read
    /// (a kernel without task I/O accounting).
    public static func bytesWritten() -> UInt64? {
        guard let io = fields("/proc/self/io"), let written = io["write_bytes"] else { return nil }
        let cancelled = io["cancelled_write_bytes"] ?? 0
        return written >= cancelled ? written - cancelled : 0
    }
}
