#if canImport(Glibc)
import Glibc
#endif

/// A bound Unix datagram socket that receives (the receiving side of
/// sd_notify, for tests and for supervising a child daemon).
public final class UnixDatagramSocket: Sendable {
    public let path: String
    private let fd: Int32

    /// Binds a new socket at `path` (an existing file there is replaced).
    public init(path: String) throws(SystemError) {
        self.path = path
        fd = try retryingEINTR("socket") { socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        _ = unlink(path)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw SystemError(call: "bind", errno: ENAMETOOLONG, subject: path)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let rc = withUnsafePointer(to: &address) { ptr in
            ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if rc != 0 {
            let code = errno
            close(fd)
            throw SystemError(call: "bind", errno: code, subject: path)
        }
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// The next datagram as text, or nil if none arrives within `timeout` seconds.
    public func receive(timeout: Double) throws(SystemError) -> String? {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = try retryingEINTR("poll", subject: path) { poll(&pfd, 1, Int32(timeout * 1000)) }
        if ready == 0 { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = try retryingEINTR("recv", subject: path) { recv(fd, &buffer, buffer.count, 0) }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }
}
