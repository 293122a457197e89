#if canImport(Glibc)
import Glibc
#endif
import StationSystem

/// `stationd` run as systemd would run it, for tests: a real process with a
/// real notify socket, its stderr in a file.
public struct DaemonProcess: Sendable {
    public let child: ChildProcess
    public let notify: UnixDatagramSocket
    public let log: String

    /// A minimal valid configuration inside `dir` (data, control socket), with
    /// `extra` lines appended under `[mqtt]`.
    public static func config(_ dir: TemporaryDirectory, id: String = "test-1", extra: String = "") -> String {
        """
        data_dir = "\(dir.path)/data"
        log_level = "debug"
        [control]
        socket = "\(dir.path)/control.sock"
        [station]
        id = "\(id)"
        [mqtt]
        host = "127.0.0.1"
        \(extra)
        """
    }

    /// A `[[sensor]]` entry for an emulated SDS011 named `pm-test`, read every
    /// second through a pseudo-terminal in `dir` (append it to `config(...)`).
    public static func simulatedPM(_ dir: TemporaryDirectory) -> String {
        """

        [[sensor]]
        name = "pm-test"
        model = "sds011"
        port = "\(dir.path)/dev/ttyPM"
        interval = "1s"
        simulate = true
        """
    }

    /// Starts `stationd --config config` with `NOTIFY_SOCKET` pointing into `dir`.
    public static func start(_ dir: TemporaryDirectory, config: String, environment extra: [String: String] = [:]) throws -> DaemonProcess {
        let notify = try UnixDatagramSocket(path: "\(dir.path)/notify.sock")
        var environment = Environment.all
        environment["NOTIFY_SOCKET"] = notify.path
        for name in ["WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM"] { environment.removeValue(forKey: name) }
        environment.merge(extra) { $1 }
        let log = "\(dir.path)/stationd.log"
        let child = try ChildProcess.spawn(
            BuiltProducts.path("stationd"), ["--config", config], environment: environment, stdout: .file(log + ".out"),
            stderr: .file(log))
        return DaemonProcess(child: child, notify: notify, log: log)
    }

    /// The next notify message containing `field`, skipping others (e.g. watchdog pings).
    public func await(_ field: String, timeout: Double = 10) throws -> String? {
        let deadline = MonotonicClock.nowNanos() + UInt64(timeout * 1e9)
        while MonotonicClock.nowNanos() < deadline {
            guard let message = try notify.receive(timeout: 0.5) else { continue }
            if message.split(separator: "\n").contains(Substring(field)) { return message }
        }
        return nil
    }

    /// What the daemon logged so far.
    public var logText: String { String(decoding: (try? FileSystem.readFile(log)) ?? [], as: UTF8.self) }

    /// SIGKILL, for `defer` after a test that may have failed half-way.
    public func kill() {
        child.send(SIGKILL)
        _ = try? child.wait(timeout: 5)
    }
}

/// A command's result, for tests of command-line tools.
public struct CommandResult: Sendable {
    public var status: ChildProcess.Termination
    public var stdout: String
    public var stderr: String

    /// Runs `executable` with `arguments` to the end, capturing its output.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> CommandResult {
        let dir = try TemporaryDirectory(prefix: "station-cmd")
        defer { dir.remove() }
        let child = try ChildProcess.spawn(
            executable, arguments, environment: environment, stdout: .file("\(dir.path)/out"), stderr: .file("\(dir.path)/err"))
        let status = try child.wait()
        return CommandResult(
            status: status, stdout: String(decoding: try FileSystem.readFile("\(dir.path)/out"), as: UTF8.self),
            stderr: String(decoding: try FileSystem.readFile("\(dir.path)/err"), as: UTF8.self))
    }
}
