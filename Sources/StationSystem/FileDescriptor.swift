#if canImport(Glibc)
import Glibc
#endif

/// An open file descriptor (`int fd`). Does not close itself: ownership is
/// explicit, as in swift-system.
public struct FileDescriptor: Sendable, Hashable {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let standardInput = FileDescriptor(rawValue: 0)
    public static let standardOutput = FileDescriptor(rawValue: 1)
    public static let standardError = FileDescriptor(rawValue: 2)

    /// `open(2)` with `O_CLOEXEC` always added, so no descriptor leaks into children.
    public static func open(
        _ path: String, _ flags: Int32, permissions: mode_t = 0o644
    ) throws(SystemError) -> FileDescriptor {
        let fd = try retryingEINTR("open", subject: path) {
            Glibc.open(path, flags | O_CLOEXEC, permissions)
        }
        return FileDescriptor(rawValue: fd)
    }

    /// `close(2)`. EINTR is not retried: on Linux the descriptor is gone either way.
    public func close() {
        _ = Glibc.close(rawValue)
    }

    /// `read(2)` into `buffer`; returns the byte count (0 at end of file).
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        try retryingEINTR("read") { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// `write(2)` of all of `bytes`, looping over short writes.
    public func writeAll(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            offset += try retryingEINTR("write") {
                Glibc.write(rawValue, bytes.baseAddress! + offset, bytes.count - offset)
            }
        }
    }

    /// Writes a whole string as UTF-8.
    public func writeAll(_ text: String) throws {
        var text = text
        try text.withUTF8 { utf8 in
            try writeAll(UnsafeRawBufferPointer(utf8))
        }
    }

    /// Reads until end of file (for small files such as `/proc` entries).
    public func readToEnd(limit: Int = 1 << 20) throws -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while result.count < limit {
            let n = try chunk.withUnsafeMutableBytes { buf in try read(into: buf) }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }

    /// Sets or clears `O_NONBLOCK`.
    public func setNonBlocking(_ on: Bool) throws(SystemError) {
        let flags = try retryingEINTR("fcntl") { fcntl(rawValue, F_GETFL) }
        _ = try retryingEINTR("fcntl") {
            fcntl(rawValue, F_SETFL, on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK)
        }
    }
}

/// Small whole-file helpers over `FileDescriptor`.
public enum FileSystem {
    /// The whole content of a (small) file.
    public static func readFile(_ path: String, limit: Int = 16 << 20) throws -> [UInt8] {
        let fd = try FileDescriptor.open(path, O_RDONLY)
        defer { fd.close() }
        do {
            return try fd.readToEnd(limit: limit)
        } catch let error as SystemError {
            throw SystemError(call: error.call, errno: error.errno, subject: path)
        }
    }

    /// Whether a path exists (any type).
    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Replaces `path` atomically: write a temp file beside it, fsync it,
    /// rename over the old one, fsync the directory. A power cut leaves either
    /// the old or the new file, never a torn one.
    ///
    /// `durable: false` skips both fsyncs, for files rewritten every few
    /// seconds whose loss at a power cut does not matter (display previews):
    /// readers still never see half a file, and a version replaced before
    /// the kernel writes it back never reaches the disk at all.
    public static func writeAtomically(_ path: String, _ bytes: [UInt8], permissions: mode_t = 0o644, durable: Bool = true) throws {
        let temp = path + ".tmp"
        _ = unlink(temp)  // a stale temp file from an earlier crash
        let fd = try FileDescriptor.open(temp, O_WRONLY | O_CREAT | O_TRUNC, permissions: permissions)
        do {
            try bytes.withUnsafeBytes { raw in try fd.writeAll(raw) }
            if durable { _ = try retryingEINTR("fsync", subject: temp) { fsync(fd.rawValue) } }
        } catch {
            fd.close()
            _ = unlink(temp)
            throw error
        }
        fd.close()
        _ = try retryingEINTR("rename", subject: path) { rename(temp, path) }
        guard durable else { return }
        let dir = directoryName(path)
        if let dfd = try? FileDescriptor.open(dir, O_RDONLY | O_DIRECTORY) {
            _ = fsync(dfd.rawValue)
            dfd.close()
        }
    }

    /// The directory part of a path (`"."` for a bare name).
    public static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// Creates a directory and its parents (like `mkdir -p`).
    public static func createDirectories(_ path: String, permissions: mode_t = 0o755) throws(SystemError) {
        if path.isEmpty || exists(path) { return }
        let parent = directoryName(path)
        if parent != path && parent != "." { try createDirectories(parent, permissions: permissions) }
        if mkdir(path, permissions) != 0 && Glibc.errno != EEXIST {
            throw SystemError(call: "mkdir", errno: Glibc.errno, subject: path)
        }
    }
}

/// A pipe: `pipe(2)` with both ends close-on-exec (a child gets an end only
/// through an explicit `dup2`, e.g. `ChildProcess.Stream.fileDescriptor`).
public enum Pipe {
    public static func make() throws(SystemError) -> (read: FileDescriptor, write: FileDescriptor) {
        var fds: [Int32] = [-1, -1]
        _ = try retryingEINTR("pipe") { pipe(&fds) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (FileDescriptor(rawValue: fds[0]), FileDescriptor(rawValue: fds[1]))
    }
}
