#if canImport(Glibc)
import Glibc
#endif
import StationConfig
import StationCore
import StationSystem
import Synchronization

/// The technicians' control socket: a Unix stream socket (mode 0660, the
/// configured group), one JSON line per request and response.
///
/// Each client is served on its own thread with kernel timeouts on reads and
/// writes, at most `maxClients` at once: a slow or silent client holds only
/// its own thread, and only for the timeout; a request line is bounded in
/// size before anything is allocated for it.
public final class ControlService: Service {
    public let name = "control"
    public static let maxClients = 128
    private let path: String
    private let groupName: String
    let state: DaemonState
    private let logger: Logger
    private let listener = Mutex<UnixStreamListener?>(nil)
    private let clients = Atomic<Int>(0)

    public init(control: StationConfiguration.Control, state: DaemonState, logger: Logger) {
        path = control.socket
        groupName = control.group
        self.state = state
        self.logger = logger
    }

    public func prepare() async throws {
        try FileSystem.createDirectories(FileSystem.directoryName(path), permissions: 0o755)
        let gid = Accounts.groupID(groupName)
        if gid == nil {
            logger.warning("group '\(groupName)' does not exist: only root and this daemon's user can use \(path)")
        }
        let socket = try UnixStreamListener(path: path, mode: 0o660, group: gid)
        listener.withLock { $0 = socket }
        logger.info("control socket at \(path)")
    }

    public func release() {
        listener.withLock { $0 }?.shutdown()
    }

    public func run() async throws {
        guard let socket = listener.withLock({ $0 }) else { return }
        let gid = Accounts.groupID(groupName)
        try OSThread.detach { [self] in acceptLoop(socket, group: gid) }
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
        socket.shutdown()
    }

    private func acceptLoop(_ socket: UnixStreamListener, group: gid_t?) {
        while true {
            let connection: UnixStreamConnection
            do {
                guard let accepted = try socket.accept() else { return }
                connection = accepted
            } catch {
                logger.error("control socket: \(error)")
                usleep(100_000)
                continue
            }
            guard clients.wrappingAdd(1, ordering: .relaxed).newValue <= Self.maxClients else {
                clients.wrappingSubtract(1, ordering: .relaxed)
                try? connection.setTimeouts(receive: 1, send: 1)
                try? connection.write(encodeLine(ControlResponse<String>(error: ControlFailure("busy", "too many clients; try again"))))
                continue
            }
            do {
                try OSThread.detach { [self] in
                    serve(connection, group: group)
                    clients.wrappingSubtract(1, ordering: .relaxed)
                }
            } catch {
                clients.wrappingSubtract(1, ordering: .relaxed)
                logger.error("control socket: cannot start a client thread: \(error)")
            }
        }
    }

    private func serve(_ connection: UnixStreamConnection, group: gid_t?) {
        do {
            try connection.setTimeouts(receive: 30, send: 5)
            let peer = try connection.peerCredentials()
            guard Self.isAllowed(peer, group: group) else {
                logger.warning("control socket: refused uid \(peer.uid) (pid \(peer.pid)): not root and not in group '\(groupName)'")
                try connection.write(encodeLine(ControlResponse<String>(error: ControlFailure("permission", "permission denied: root or members of group '\(groupName)' only"))))
                return
            }
            while let line = try connection.readLine(limit: ControlProtocol.maxRequestBytes) {
                if let request = try? decodeLine(ControlRequest.self, from: line), request.command == "sensors.watch",
                    request.v == ControlProtocol.version
                {
                    try watch(connection, sensors: request.arguments["sensors"])
                    return
                }
                for response in handle(line) { try connection.write(response) }
            }
        } catch {
            if error.errno == EMSGSIZE {
                try? connection.write(encodeLine(ControlResponse<String>(error: .badRequest("request longer than \(ControlProtocol.maxRequestBytes) bytes"))))
            } else {
                logger.debug("control client: \(error)")
            }
        }
    }

    /// Root, the daemon's own user, and members of the control group.
    static func isAllowed(_ peer: PeerCredentials, group: gid_t?) -> Bool {
        if peer.uid == 0 || peer.uid == geteuid() { return true }
        guard let group else { return false }
        return Accounts.isMember(uid: peer.uid, gid: peer.gid, of: group)
    }

    /// The response lines to one request line.
    func handle(_ line: [UInt8]) -> [[UInt8]] {
        let request: ControlRequest
        do {
            request = try decodeLine(ControlRequest.self, from: line)
        } catch {
            return [encodeLine(ControlResponse<String>(error: .badRequest("not a JSON request: \(error)")))]
        }
        guard request.v == ControlProtocol.version else {
            return [encodeLine(ControlResponse<String>(error: ControlFailure("unsupported_version", "protocol version \(request.v) is not supported (this daemon speaks \(ControlProtocol.version))")))]
        }
        return ControlCommands.run(request, state: state)
    }
}
