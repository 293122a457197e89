#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: which call, on what, and the errno it returned.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The C function that failed, e.g. `open`.
    public var call: String
    public var errno: Int32
    /// What the call was about (a path, a socket address), if known.
    public var subject: String?

    public init(call: String, errno: Int32, subject: String? = nil) {
        self.call = call
        self.errno = errno
        self.subject = subject
    }

    /// The C library's text for `errno`, e.g. "No such file or directory".
    public var reason: String { String(cString: strerror(errno)) }

    public var description: String {
        if let subject { return "\(call)(\(subject)): \(reason) (errno \(errno))" }
        return "\(call): \(reason) (errno \(errno))"
    }
}

/// Every raw system call goes through here: retries `EINTR`, turns -1 into a
/// `SystemError` that carries the errno and the call's name.
@inline(__always)
public func retryingEINTR<T: BinaryInteger>(
    _ call: String, subject: String? = nil, _ body: () -> T
) throws(SystemError) -> T {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = Glibc.errno
        if code == EINTR { continue }
        throw SystemError(call: call, errno: code, subject: subject)
    }
}

/// Like `retryingEINTR`, but `EAGAIN`/`EWOULDBLOCK` is an answer, not an error: returns nil.
@inline(__always)
public func retryingEINTRUnlessWouldBlock<T: BinaryInteger>(
    _ call: String, subject: String? = nil, _ body: () -> T
) throws(SystemError) -> T? {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = Glibc.errno
        if code == EINTR { continue }
        if code == EAGAIN || code == EWOULDBLOCK { return nil }
        throw SystemError(call: call, errno: code, subject: subject)
    }
}
