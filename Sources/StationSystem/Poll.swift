#if canImport(Glibc)
import Glibc
#endif

/// `poll(2)` over a few descriptors.
public enum Poll {
    /// What `poll` reported for one descriptor.
    public struct Events: OptionSet, Sendable {
        public let rawValue: Int16
        public init(rawValue: Int16) { self.rawValue = rawValue }
        public static let readable = Events(rawValue: Int16(POLLIN))
        public static let writable = Events(rawValue: Int16(POLLOUT))
        /// The other end is gone (`POLLHUP`), an error is pending (`POLLERR`)
        /// or the descriptor is not open (`POLLNVAL`).
        public static let hangUp = Events(rawValue: Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL))
    }

    /// Waits until one of `descriptors` is ready or `timeoutMilliseconds`
    /// pass (-1: forever). Returns the events of each descriptor, in order;
    /// all empty on timeout. EINTR restarts the wait with the full timeout,
    /// which only lengthens it, never shortens.
    public static func wait(
        _ descriptors: [(FileDescriptor, Events)], timeoutMilliseconds: Int32
    ) throws(SystemError) -> [Events] {
        var fds = descriptors.map { pollfd(fd: $0.0.rawValue, events: $0.1.rawValue, revents: 0) }
        _ = try retryingEINTR("poll") { Glibc.poll(&fds, nfds_t(fds.count), timeoutMilliseconds) }
        return fds.map { Events(rawValue: $0.revents) }
    }
}

/// A descriptor another thread can make readable to interrupt a `poll`:
/// how a blocked device loop is told to stop (a pipe, both ends close-on-exec).
public final class WakeSignal: Sendable {
    /// Becomes readable once `fire()` was called.
    public let descriptor: FileDescriptor
    private let writeEnd: FileDescriptor

    public init() throws(SystemError) {
        var fds: [Int32] = [-1, -1]
        // pipe2 is a GNU extension Glibc does not import: set the flags after.
        _ = try retryingEINTR("pipe") { pipe(&fds) }
        descriptor = FileDescriptor(rawValue: fds[0])
        writeEnd = FileDescriptor(rawValue: fds[1])
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        }
    }

    /// Wakes every current and future `poll` on `descriptor`. Idempotent.
    public func fire() {
        var byte: UInt8 = 1
        _ = Glibc.write(writeEnd.rawValue, &byte, 1)
    }

    /// Makes the descriptor quiet again, for a signal used as a repeated
    /// nudge rather than a one-shot stop.
    public func reset() {
        var sink = [UInt8](repeating: 0, count: 64)
        while Glibc.read(descriptor.rawValue, &sink, sink.count) > 0 {}
    }

    /// Whether `fire()` was called (since the last `reset()`).
    public var isFired: Bool {
        (try? Poll.wait([(descriptor, .readable)], timeoutMilliseconds: 0).first?.contains(.readable)) == true
    }

    deinit {
        descriptor.close()
        writeEnd.close()
    }
}
