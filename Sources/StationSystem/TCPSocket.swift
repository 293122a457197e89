#if canImport(Glibc)
import Glibc
#endif

/// Small TCP helpers: a free loopback port for tests, a connect probe with a
/// deadline, and a forced shutdown of a socket someone else owns.
public enum TCPSocket {
    /// A TCP port on 127.0.0.1 that nothing listens on now: binds port 0,
    /// reads the kernel's choice (`getsockname`) and closes. Another process
    /// may take it before the caller binds it; tests accept that small race.
    public static func freeLoopbackPort() throws(SystemError) -> Int {
        let fd = try retryingEINTR("socket") { socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = try retryingEINTR("bind", subject: "127.0.0.1:0") {
            withUnsafePointer(to: &address) { ptr in
                ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = try retryingEINTR("getsockname") {
            withUnsafeMutablePointer(to: &address) { ptr in
                ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether a TCP connection to `host:port` is accepted within `timeout`
    /// seconds: resolves with `getaddrinfo`, then a non-blocking `connect` per
    /// address, bounded by `poll`. A blocking connect to a host that drops
    /// packets would hang for the kernel's SYN retries (about two minutes);
    /// this does not. Throws the last address's error.
    public static func probe(host: String, port: Int, timeout: Double) throws(SystemError) {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        if rc != 0 {
            // getaddrinfo's codes are not errnos; EHOSTUNREACH is the closest honest errno.
            throw SystemError(call: "getaddrinfo", errno: EHOSTUNREACH, subject: "\(host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = SystemError(call: "connect", errno: EHOSTUNREACH, subject: "\(host):\(port)")
        let deadline = MonotonicClock.nowNanos() + UInt64(max(0, timeout) * 1e9)
        var cursor = list
        while let info = cursor {
            cursor = info.pointee.ai_next
            do {
                try connectOnce(info.pointee, deadline: deadline, subject: "\(host):\(port)")
                return
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private static func connectOnce(_ info: addrinfo, deadline: UInt64, subject: String) throws(SystemError) {
        let fd = try retryingEINTR("socket", subject: subject) {
            socket(info.ai_family, info.ai_socktype | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), info.ai_protocol)
        }
        defer { close(fd) }
        if connect(fd, info.ai_addr, info.ai_addrlen) == 0 { return }
        guard errno == EINPROGRESS || errno == EINTR else {
            throw SystemError(call: "connect", errno: errno, subject: subject)
        }
        var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        while true {
            let now = MonotonicClock.nowNanos()
            guard now < deadline else { throw SystemError(call: "connect", errno: ETIMEDOUT, subject: subject) }
            let ready = try retryingEINTR("poll", subject: subject) { poll(&pfd, 1, Int32((deadline - now) / 1_000_000) + 1) }
            if ready > 0 { break }
        }
        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = try retryingEINTR("getsockopt", subject: subject) { getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length) }
        if failure != 0 { throw SystemError(call: "connect", errno: failure, subject: subject) }
    }

    /// `shutdown(fd, SHUT_RDWR)`: ends a connection whose descriptor another
    /// library owns, so that its next read sees the end and it closes the
    /// descriptor itself. Used to drop a link that has gone silent.
    public static func shutdownBoth(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Whether `host` names the loopback interface (`localhost`, `127.x.y.z`, `::1`).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
