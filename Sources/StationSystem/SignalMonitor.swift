#if canImport(Glibc)
import Glibc
#endif

/// The write end of the self-pipe; the only state a signal handler may touch.
nonisolated(unsafe) private var signalPipeWrite: Int32 = -1

/// Delivers process signals as an async stream.
///
/// A handler that only writes the signal number into a pipe (async-signal-safe)
/// plus a thread that reads the pipe: this works whichever thread the kernel
/// picks for delivery, unlike `signalfd`, which needs the signal blocked in
/// every thread, including ones the runtime started before us.
public final class SignalMonitor: Sendable {
    /// The signals received, in order.
    public let signals: AsyncStream<Int32>

    /// Installs handlers for `numbers` (e.g. SIGTERM, SIGINT, SIGHUP). Call once per process.
    public init(_ numbers: [Int32]) throws(SystemError) {
        var fds: [Int32] = [0, 0]
        _ = try retryingEINTR("pipe") { pipe(&fds) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        signalPipeWrite = fds[1]
        let readEnd = FileDescriptor(rawValue: fds[0])

        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        signals = stream
        try OSThread.detach {
            var byte: UInt8 = 0
            while true {
                let n = withUnsafeMutableBytes(of: &byte) { buf in try? readEnd.read(into: buf) }
                guard let n, n == 1 else { break }
                continuation.yield(Int32(byte))
            }
            continuation.finish()
        }

        for number in numbers {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signo in
                var b = UInt8(truncatingIfNeeded: signo)
                let saved = errno
                _ = write(signalPipeWrite, &b, 1)
                errno = saved
            }
            action.sa_flags = SA_RESTART
            sigemptyset(&action.sa_mask)
            _ = try retryingEINTR("sigaction") { sigaction(number, &action, nil) }
            // The runtime or a test harness may have blocked it; we want it delivered.
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, number)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
        }
    }
}
