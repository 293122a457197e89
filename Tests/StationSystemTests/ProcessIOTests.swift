import Glibc
import StationSystem
import StationTesting
import Testing

@Suite struct ProcessIOTests {
    /// 256 KiB written to a file on a disk-backed filesystem (the build
    /// directory; a tmpfs does no I/O accounting) show in the count; the
    /// same bytes written and truncated away before writeback do not.
    @Test func bytesWrittenCountsWhatReachesStorage() throws {
        let dir = try TemporaryDirectory(prefix: "station-io", under: BuiltProducts.directory)
        defer { dir.remove() }
        let chunk = [UInt8](repeating: 0x5a, count: 256 << 10)

        let before = try #require(ProcessIO.bytesWritten())
        let kept = try FileDescriptor.open(dir.file("kept"), O_WRONLY | O_CREAT | O_TRUNC, permissions: 0o600)
        try chunk.withUnsafeBytes { try kept.writeAll($0) }
        kept.close()
        let afterKept = try #require(ProcessIO.bytesWritten())
        #expect(afterKept - before >= UInt64(chunk.count))

        let dropped = try FileDescriptor.open(dir.file("dropped"), O_WRONLY | O_CREAT | O_TRUNC, permissions: 0o600)
        try chunk.withUnsafeBytes { try dropped.writeAll($0) }
        _ = ftruncate(dropped.rawValue, 0)
        dropped.close()
        let afterDropped = try #require(ProcessIO.bytesWritten())
        #expect(afterDropped - afterKept < UInt64(chunk.count / 2), "\(afterDropped - afterKept) bytes counted for a truncated file")
    }

    /// The resident set is read from /proc/self/status: this test process
    /// holds at least the megabytes it touches here.
    @Test func residentBytesGrowsWithTouchedMemory() throws {
        let before = try #require(ProcessIO.residentBytes())
        var block = [UInt8](repeating: 1, count: 32 << 20)
        block[block.count - 1] = 2
        let after = try #require(ProcessIO.residentBytes())
        #expect(before > 1 << 20)
        #expect(after >= before + (16 << 20), "\(before) -> \(after)")
        #expect(block[0] == 1)
    }
}
