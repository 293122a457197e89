#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`.
///
/// The child always starts with an empty signal mask and default signal
/// dispositions: Swift Testing and any dispatch worker run with SIGTERM
/// blocked, and a child that inherits that mask never dies on SIGTERM.
public struct ChildProcess: Sendable {
    public let pid: pid_t

    /// What to connect a child's standard stream to.
    public enum Stream: Sendable {
        case inherit
        case null
        case fileDescriptor(FileDescriptor)
        case file(String)
    }

    /// Spawns `executable` (a path, or a name looked up in `PATH`) with `arguments`.
    /// `environment` nil inherits ours.
    public static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        stdin: Stream = .null, stdout: Stream = .inherit, stderr: Stream = .inherit
    ) throws(SystemError) -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, stream) in [(Int32(0), stdin), (1, stdout), (2, stderr)] {
            switch stream {
            case .inherit:
                break
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            case .fileDescriptor(let fd):
                posix_spawn_file_actions_adddup2(&actions, fd.rawValue, target)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, target, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        let env = (environment ?? Environment.all).map { strdup("\($0.key)=\($0.value)") }
        defer { env.forEach { free($0) } }

        var pid: pid_t = 0
        let rc = (argv + [nil]).withUnsafeBufferPointer { argvp in
            (env + [nil]).withUnsafeBufferPointer { envp in
                posix_spawnp(
                    &pid, executable, &actions, &attributes,
                    UnsafeMutablePointer(mutating: argvp.baseAddress!),
                    UnsafeMutablePointer(mutating: envp.baseAddress!))
            }
        }
        if rc != 0 { throw SystemError(call: "posix_spawnp", errno: rc, subject: executable) }
        return ChildProcess(pid: pid)
    }

    /// How a child ended.
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Sends `signal` to the child.
    public func send(_ signal: Int32) {
        _ = kill(pid, signal)
    }

    /// Blocks until the child ends (`waitpid`).
    public func wait() throws(SystemError) -> Termination {
        var status: Int32 = 0
        _ = try retryingEINTR("waitpid") { waitpid(pid, &status, 0) }
        return Self.decode(status)
    }

    /// The termination if the child has ended, nil if it still runs (`WNOHANG`).
    public func poll() throws(SystemError) -> Termination? {
        var status: Int32 = 0
        let rc = try retryingEINTR("waitpid") { waitpid(pid, &status, WNOHANG) }
        return rc == 0 ? nil : Self.decode(status)
    }

    /// Waits up to `timeout` seconds; nil if the child still runs then.
    public func wait(timeout: Double) throws(SystemError) -> Termination? {
        let deadline = MonotonicClock.nowNanos() + UInt64(timeout * 1e9)
        while true {
            if let t = try poll() { return t }
            if MonotonicClock.nowNanos() >= deadline { return nil }
            usleep(5_000)
        }
    }

    private static func decode(_ status: Int32) -> Termination {
        let low = status & 0x7f
        if low == 0 { return .exited((status >> 8) & 0xff) }
        return .signalled(low)
    }
}
