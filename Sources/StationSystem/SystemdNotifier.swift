#if canImport(Glibc)
import Glibc
#endif

/// The sd_notify protocol without libsystemd: one datagram of `VAR=VALUE`
/// lines to the socket named by `$NOTIFY_SOCKET` (a leading `@` means the
/// abstract namespace).
public struct SystemdNotifier: Sendable {
    /// The socket path, or nil when not started by systemd (then every send is a no-op).
    public let socketPath: String?

    public init(socketPath: String? = Environment.get("NOTIFY_SOCKET")) {
        self.socketPath = socketPath?.isEmpty == true ? nil : socketPath
    }

    /// The watchdog interval to ping at (half of `$WATCHDOG_USEC`), when the
    /// watchdog is armed for this process (`$WATCHDOG_PID` unset or ours).
    public static func watchdogPingInterval(
        usec: String? = Environment.get("WATCHDOG_USEC"), pid: String? = Environment.get("WATCHDOG_PID")
    ) -> Duration? {
        guard let usec, let value = UInt64(usec), value > 0 else { return nil }
        if let pid, let owner = Int32(pid), owner != getpid() { return nil }
        return .microseconds(Int64(value / 2))
    }

    /// Sends `fields` (e.g. `["READY=1", "STATUS=running"]`) as one datagram.
    public func notify(_ fields: [String]) throws(SystemError) {
        guard let socketPath else { return }
        let fd = try retryingEINTR("socket") { socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else {
            throw SystemError(call: "sendto", errno: ENAMETOOLONG, subject: socketPath)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count)
        let message = Array(fields.joined(separator: "\n").utf8)
        _ = try retryingEINTR("sendto", subject: socketPath) {
            withUnsafePointer(to: &address) { ptr in
                ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                    sendto(fd, message, message.count, Int32(MSG_NOSIGNAL), sa, length)
                }
            }
        }
    }
}
