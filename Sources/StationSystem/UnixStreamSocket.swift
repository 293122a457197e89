#if canImport(Glibc)
import Glibc
#endif

/// The credentials of the process at the other end of a Unix socket (`SO_PEERCRED`).
public struct PeerCredentials: Sendable, Equatable {
    public var pid: pid_t
    public var uid: uid_t
    public var gid: gid_t

    public init(pid: pid_t, uid: uid_t, gid: gid_t) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }
}

/// A connected Unix stream socket: line-oriented reads with a size bound,
/// whole writes, and kernel-enforced timeouts so a peer that stops reading or
/// writing cannot hold a thread forever.
public final class UnixStreamConnection: Sendable {
    public let fd: FileDescriptor

    public init(fd: FileDescriptor) {
        self.fd = fd
    }

    deinit { fd.close() }

    /// Connects to the socket at `path`.
    public static func connect(to path: String) throws(SystemError) -> UnixStreamConnection {
        let raw = try retryingEINTR("socket") { socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        let connection = UnixStreamConnection(fd: FileDescriptor(rawValue: raw))
        var address = try UnixAddress.make(path)
        _ = try retryingEINTR("connect", subject: path) {
            withUnsafePointer(to: &address) { ptr in
                ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(raw, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
        }
        return connection
    }

    /// Sets `SO_RCVTIMEO` and `SO_SNDTIMEO`: a blocked read or write fails
    /// with `EAGAIN` after that long.
    public func setTimeouts(receive: Double, send: Double) throws(SystemError) {
        for (option, seconds) in [(SO_RCVTIMEO, receive), (SO_SNDTIMEO, send)] {
            var tv = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1e6))
            _ = try retryingEINTR("setsockopt") {
                setsockopt(fd.rawValue, SOL_SOCKET, option, &tv, socklen_t(MemoryLayout<timeval>.size))
            }
        }
    }

    /// Who is at the other end.
    public func peerCredentials() throws(SystemError) -> PeerCredentials {
        // struct ucred {pid_t pid; uid_t uid; gid_t gid;}: Glibc hides it
        // behind _GNU_SOURCE, so it is read as its three 32-bit fields.
        var cred: (Int32, UInt32, UInt32) = (0, 0, 0)
        var length = socklen_t(MemoryLayout.size(ofValue: cred))
        _ = try retryingEINTR("getsockopt") { getsockopt(fd.rawValue, SOL_SOCKET, SO_PEERCRED, &cred, &length) }
        return PeerCredentials(pid: cred.0, uid: cred.1, gid: cred.2)
    }

    private let buffer = LineBuffer()

    /// The next line without its `\n`; nil at end of stream. A line longer
    /// than `limit` bytes is an `EMSGSIZE` error: the peer is not speaking
    /// the protocol, and nothing is allocated beyond the limit.
    public func readLine(limit: Int) throws(SystemError) -> [UInt8]? {
        while true {
            if let line = buffer.takeLine() { return line }
            if buffer.count > limit { throw SystemError(call: "read", errno: EMSGSIZE) }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = try retryingEINTR("read") { chunk.withUnsafeMutableBytes { read(fd.rawValue, $0.baseAddress, $0.count) } }
            if n == 0 { return nil }
            buffer.append(chunk[0..<n])
        }
    }

    /// Writes all of `bytes` (`MSG_NOSIGNAL`: a vanished peer is an `EPIPE` error, not a signal).
    public func write(_ bytes: [UInt8]) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            offset += try retryingEINTR("send") {
                bytes.withUnsafeBytes { send(fd.rawValue, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            }
        }
    }

    /// Ends both directions now (wakes a thread blocked on this socket).
    public func shutdown() {
        _ = Glibc.shutdown(fd.rawValue, Int32(SHUT_RDWR))
    }
}

/// Bytes received but not yet returned as lines; used by one thread at a time.
private final class LineBuffer: @unchecked Sendable {
    private var bytes: [UInt8] = []
    var count: Int { bytes.count }

    func append(_ more: ArraySlice<UInt8>) { bytes.append(contentsOf: more) }

    func takeLine() -> [UInt8]? {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return nil }
        let line = Array(bytes[..<newline])
        bytes.removeSubrange(...newline)
        return line
    }
}

/// A listening Unix stream socket.
public final class UnixStreamListener: Sendable {
    public let path: String
    public let fd: FileDescriptor

    /// Binds and listens at `path` with `mode` (and `group`, when given and
    /// known). A socket file left by a dead daemon is replaced; one that a
    /// live process answers on is an `EADDRINUSE` error.
    public init(path: String, mode: mode_t, group: gid_t?) throws(SystemError) {
        self.path = path
        if FileSystem.exists(path) {
            if (try? UnixStreamConnection.connect(to: path)) != nil {
                throw SystemError(call: "bind", errno: EADDRINUSE, subject: path)
            }
            _ = unlink(path)
        }
        let raw = try retryingEINTR("socket") { socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        fd = FileDescriptor(rawValue: raw)
        do {
            var address = try UnixAddress.make(path)
            // Created with no permissions at all, then opened up: there is no
            // moment at which the socket is more open than `mode`.
            let oldMask = umask(0o777)
            let bound = withUnsafePointer(to: &address) { ptr in
                ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(raw, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            let bindErrno = errno
            umask(oldMask)
            if bound != 0 { throw SystemError(call: "bind", errno: bindErrno, subject: path) }
            if let group { _ = try retryingEINTR("chown", subject: path) { chown(path, uid_t.max, group) } }
            _ = try retryingEINTR("chmod", subject: path) { chmod(path, mode) }
            _ = try retryingEINTR("listen", subject: path) { listen(raw, 64) }
        } catch let error as SystemError {
            fd.close()
            throw error
        } catch {
            fd.close()
            throw SystemError(call: "bind", errno: EINVAL, subject: path)
        }
    }

    /// Waits for the next client; nil once `shutdown()` was called.
    public func accept() throws(SystemError) -> UnixStreamConnection? {
        while true {
            let client = Glibc.accept(fd.rawValue, nil, nil)
            if client >= 0 {
                _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                return UnixStreamConnection(fd: FileDescriptor(rawValue: client))
            }
            switch errno {
            case EINTR, ECONNABORTED: continue
            case EINVAL, EBADF: return nil
            default: throw SystemError(call: "accept", errno: errno, subject: path)
            }
        }
    }

    /// Stops accepting: wakes a thread blocked in `accept()`, removes the socket file.
    public func shutdown() {
        _ = Glibc.shutdown(fd.rawValue, Int32(SHUT_RDWR))
        _ = unlink(path)
    }

    deinit { fd.close() }
}

enum UnixAddress {
    static func make(_ path: String) throws(SystemError) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw SystemError(call: "bind", errno: ENAMETOOLONG, subject: path)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        return address
    }
}

/// Users and groups (`/etc/passwd`, `/etc/group`).
public enum Accounts {
    /// The id of group `name`, or nil if there is no such group.
    public static func groupID(_ name: String) -> gid_t? {
        guard let entry = getgrnam(name) else { return nil }
        return entry.pointee.gr_gid
    }

    /// Whether user `uid` (primary group `gid`) belongs to group `group`.
    public static func isMember(uid: uid_t, gid: gid_t, of group: gid_t) -> Bool {
        if gid == group { return true }
        guard let user = getpwuid(uid) else { return false }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(user.pointee.pw_name, gid, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(user.pointee.pw_name, gid, &groups, &count)
        }
        return groups.prefix(Int(max(0, count))).contains(group)
    }
}
