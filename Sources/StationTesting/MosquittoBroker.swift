#if canImport(Glibc)
import Glibc
#endif
import StationSystem
import Synchronization

/// A real mosquitto on a free loopback port, for tests and the benchmark.
///
/// It gets a generated config in its own temporary directory (`log_dest
/// stdout` into `broker.log`, persistence in that directory so a restart
/// keeps sessions and queued messages), optionally a TLS listener and a
/// password file. It is started with `ChildProcess.spawn` (empty signal mask),
/// so SIGTERM always ends it. `stop`, `kill`, `pause`/`resume` (SIGSTOP: the
/// TCP connection stays up but nothing answers) and `restart` on the same
/// port let tests break the link in the ways the field does.
///
/// Not thread-safe: drive one broker from one test task.
public final class MosquittoBroker: @unchecked Sendable {
    /// TLS listener settings (PEM paths).
    public struct TLS: Sendable {
        public var caFile: String
        public var certFile: String
        public var keyFile: String
        /// Whether clients must present a certificate signed by `caFile`.
        public var requireClientCertificate: Bool

        public init(caFile: String, certFile: String, keyFile: String, requireClientCertificate: Bool) {
            self.caFile = caFile
            self.certFile = certFile
            self.keyFile = keyFile
            self.requireClientCertificate = requireClientCertificate
        }
    }

    public let port: Int
    public let directory: TemporaryDirectory
    public let tls: TLS?
    /// `user: password` pairs; empty means anonymous access.
    public let users: [String: String]
    private var process: ChildProcess?
    private var owned: Bool

    /// Starts a broker and waits until it accepts TCP connections.
    /// - Parameter extraConfig: more `mosquitto.conf` lines (e.g. `max_packet_size 20000`).
    public init(
        port: Int? = nil, tls: TLS? = nil, users: [String: String] = [:], persistence: Bool = true,
        extraConfig: [String] = []
    ) throws {
        self.port = try port ?? Self.reservePort()
        self.tls = tls
        self.users = users
        directory = try TemporaryDirectory(prefix: "mosquitto")
        owned = true
        // mosquitto started as root drops to user `mosquitto`: it must be able to write here.
        _ = chmod(directory.path, 0o777)
        try writeConfig(persistence: persistence, extra: extraConfig)
        try start()
    }

    /// The host to connect to.
    public var host: String { "127.0.0.1" }

    /// The broker's own log (its stdout), for a failing test's message.
    public var log: String {
        (try? FileSystem.readFile("\(directory.path)/broker.log")).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Whether the broker process runs now.
    public var isRunning: Bool { process != nil }

    /// Starts the broker (again) on the same port; waits up to 5 s until it accepts.
    public func start() throws {
        guard process == nil else { return }
        let child = try ChildProcess.spawn(
            "mosquitto", ["-c", "\(directory.path)/mosquitto.conf"],
            stdout: .fileDescriptor(try logDescriptor()), stderr: .fileDescriptor(try logDescriptor()))
        process = child
        let deadline = MonotonicClock.nowNanos() + 5_000_000_000
        while true {
            if (try? TCPSocket.probe(host: host, port: port, timeout: 0.2)) != nil { return }
            if let ended = try child.poll() {
                process = nil
                throw BrokerError(message: "mosquitto ended at start (\(ended)): \(log)")
            }
            if MonotonicClock.nowNanos() > deadline {
                throw BrokerError(message: "mosquitto did not accept on port \(port) within 5 s: \(log)")
            }
            usleep(10_000)
        }
    }

    /// SIGTERM (mosquitto saves its persistence file on the way out) and wait.
    public func stop() {
        end(SIGTERM)
    }

    /// SIGKILL: the broker vanishes with no goodbye and no save.
    public func kill() {
        end(SIGKILL)
    }

    /// `stop()` then `start()` on the same port.
    public func restart() throws {
        stop()
        try start()
    }

    /// SIGSTOP: the kernel keeps the TCP connections up, nothing answers: a
    /// black-holed link as far as a client can tell.
    public func pause() {
        process?.send(SIGSTOP)
    }

    /// SIGCONT after `pause()`.
    public func resume() {
        process?.send(SIGCONT)
    }

    /// Stops the broker and removes its directory.
    public func shutdown() {
        stop()
        if owned {
            directory.remove()
            owned = false
        }
        Self.reserved.withLock { _ = $0.remove(port) }
    }

    // Ports of this process's brokers, kept while they live: a broker that is
    // stopped for a restart leaves its port free, and a test running in
    // parallel must not be handed it meanwhile.
    private static let reserved = Mutex<Set<Int>>([])

    private static func reservePort() throws -> Int {
        for _ in 0..<50 {
            let port = try TCPSocket.freeLoopbackPort()
            let taken = reserved.withLock { set -> Bool in
                if set.contains(port) { return true }
                set.insert(port)
                return false
            }
            if !taken { return port }
        }
        throw BrokerError(message: "no free loopback port that no other broker of this process holds")
    }

    deinit {
        if let process {
            process.send(SIGCONT)
            process.send(SIGKILL)
            _ = try? process.wait()
        }
        if owned { directory.remove() }
        Self.reserved.withLock { _ = $0.remove(port) }
    }

    private func end(_ signal: Int32) {
        guard let child = process else { return }
        child.send(SIGCONT)
        child.send(signal)
        if (try? child.wait(timeout: 5)) == nil {
            child.send(SIGKILL)
            _ = try? child.wait()
        }
        process = nil
    }

    private func logDescriptor() throws -> FileDescriptor {
        // O_APPEND: the log survives restarts; both streams share one file.
        try FileDescriptor.open("\(directory.path)/broker.log", O_WRONLY | O_CREAT | O_APPEND, permissions: 0o666)
    }

    private func writeConfig(persistence: Bool, extra: [String]) throws {
        var lines = [
            "per_listener_settings false",
            "log_dest stdout",
            "log_type error", "log_type warning", "log_type notice", "log_type information",
            "connection_messages true",
            "max_queued_messages 1000000",
            "max_inflight_messages 0",
            "listener \(port) 127.0.0.1",
        ]
        if persistence {
            lines += ["persistence true", "persistence_location \(directory.path)/", "autosave_interval 3600"]
        } else {
            lines += ["persistence false"]
        }
        if let tls {
            lines += ["cafile \(tls.caFile)", "certfile \(tls.certFile)", "keyfile \(tls.keyFile)"]
            lines += ["require_certificate \(tls.requireClientCertificate)"]
        }
        if users.isEmpty {
            lines += ["allow_anonymous true"]
        } else {
            let passwords = "\(directory.path)/passwords"
            try directory.write("passwords", users.map { "\($0.key):\($0.value)" }.joined(separator: "\n") + "\n", permissions: 0o644)
            let status = try ChildProcess.spawn("mosquitto_passwd", ["-U", passwords], stdout: .null, stderr: .null).wait()
            guard status == .exited(0) else { throw BrokerError(message: "mosquitto_passwd -U failed: \(status)") }
            _ = chmod(passwords, 0o644)
            lines += ["allow_anonymous false", "password_file \(passwords)"]
        }
        lines += extra
        try directory.write("mosquitto.conf", lines.joined(separator: "\n") + "\n")
    }
}

/// A broker that would not start.
public struct BrokerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) {
        self.message = message
    }
}

/// An independent subscriber: `mosquitto_sub -v` with a persistent QoS 1
/// session (`-c`), so what is published while it reconnects is kept for it,
/// writing `topic payload` lines into a file that tests read back.
public struct CapturingSubscriber {
    public let child: ChildProcess
    public let path: String

    /// Subscribes to `topics` on `broker` as client `clientID`, capturing
    /// into `path`.
    public init(_ broker: MosquittoBroker, topics: [String], clientID: String, into path: String) throws {
        self.path = path
        child = try ChildProcess.spawn(
            "mosquitto_sub",
            ["-h", broker.host, "-p", String(broker.port), "-v", "-q", "1", "-c", "-i", clientID] + topics.flatMap { ["-t", $0] },
            stdout: .file(path), stderr: .null)
    }

    /// The lines captured so far.
    public var lines: [String] {
        guard let bytes = try? FileSystem.readFile(path) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Ends the subscriber (SIGTERM) and waits for it.
    public func stop() {
        child.send(SIGTERM)
        _ = try? child.wait(timeout: 5)
    }
}
