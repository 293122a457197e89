#if canImport(Glibc)
import Glibc
#endif
import StationConfig
import StationDaemon
import StationSystem

/// Talks to the running daemon over its control socket.
struct ControlClient {
    let path: String
    let connection: UnixStreamConnection

    /// Why a daemon command could not run, with its exit code.
    struct Failure: Error {
        var message: String
        var exitCode: Int32
    }

    /// The socket: `--socket`, else the configuration's `control.socket`,
    /// else the default path.
    static func socketPath(_ globals: GlobalOptions) -> String {
        if let explicit = globals.socketPath { return explicit }
        let loader = ConfigLoader(boardDirectory: BoardDirectory.locate(explicit: globals.boardDirectory), checkFiles: false)
        return (try? loader.load(path: globals.configPath))?.configuration.control.socket ?? "/run/stationd/control.sock"
    }

    static func connect(_ globals: GlobalOptions) throws(Failure) -> ControlClient {
        let path = socketPath(globals)
        do {
            let connection = try UnixStreamConnection.connect(to: path)
            try connection.setTimeouts(receive: 150, send: 10)
            return ControlClient(path: path, connection: connection)
        } catch {
            switch error.errno {
            case ENOENT, ECONNREFUSED:
                throw Failure(message: "stationd is not running (no control socket at \(path)); start it with: systemctl start stationd", exitCode: ExitCode.unavailable)
            case EACCES, EPERM:
                throw Failure(message: "permission denied: \(path) (use sudo, or join the daemon's control group)", exitCode: ExitCode.permission)
            default:
                throw Failure(message: "cannot reach stationd at \(path): \(error.reason)", exitCode: ExitCode.failure)
            }
        }
    }

    /// Sends one request and decodes the (single) answer.
    func request<T: Codable & Sendable>(_ command: String, _ arguments: [String: String] = [:], as type: T.Type) throws(Failure) -> T {
        do {
            // A daemon that refuses us (permission, busy) answers and closes at
            // once, maybe before our request is written: its answer is still
            // there to read, and it says more than our EPIPE.
            var writeError: SystemError?
            do {
                try connection.write(encodeLine(ControlRequest(command: command, arguments: arguments)))
            } catch {
                writeError = error
            }
            guard let line = try connection.readLine(limit: 64 << 20) else {
                if let writeError { throw writeError }
                throw Failure(message: "stationd closed the connection without an answer", exitCode: ExitCode.failure)
            }
            let response: ControlResponse<T>
            do {
                response = try decodeLine(ControlResponse<T>.self, from: line)
            } catch {
                // An error answer carries no data of type T.
                let failure = (try? decodeLine(ControlResponse<String>.self, from: line))?.error
                throw Failure(message: failure?.message ?? "unreadable answer from stationd: \(error)", exitCode: Self.exitCode(failure))
            }
            if let data = response.data, response.ok { return data }
            throw Failure(message: response.error?.message ?? "stationd refused the request", exitCode: Self.exitCode(response.error))
        } catch let failure as Failure {
            throw failure
        } catch let error as SystemError {
            throw Failure(message: "talking to stationd at \(path): \(error.reason)", exitCode: ExitCode.failure)
        } catch {
            throw Failure(message: "talking to stationd at \(path): \(error)", exitCode: ExitCode.failure)
        }
    }

    /// Sends a streaming request and hands each data line to `body` until
    /// the daemon ends the stream or goes away.
    func stream<T: Codable & Sendable>(
        _ command: String, _ arguments: [String: String], as type: T.Type, _ body: (T) -> Void
    ) throws(Failure) {
        do {
            try connection.setTimeouts(receive: 0, send: 10)  // 0: wait as long as it takes
            try connection.write(encodeLine(ControlRequest(command: command, arguments: arguments)))
            while let line = try connection.readLine(limit: 1 << 20) {
                guard let response = try? decodeLine(ControlResponse<T>.self, from: line), let data = response.data else {
                    let failure = (try? decodeLine(ControlResponse<String>.self, from: line))?.error
                    throw Failure(message: failure?.message ?? "unreadable answer from stationd", exitCode: Self.exitCode(failure))
                }
                body(data)
                if response.more != true { return }
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "talking to stationd at \(path): \(error)", exitCode: ExitCode.failure)
        }
    }

    private static func exitCode(_ failure: ControlFailure?) -> Int32 {
        switch failure?.code {
        case "permission": return ExitCode.permission
        case "unavailable": return ExitCode.unavailable
        default: return ExitCode.failure
        }
    }
}

/// Runs a daemon command body, turning client failures into message + exit code.
func withDaemon(_ globals: GlobalOptions, _ body: (ControlClient) throws(ControlClient.Failure) -> Int32) -> Int32 {
    do {
        return try body(try ControlClient.connect(globals))
    } catch {
        printError("stationctl: \(error.message)")
        return error.exitCode
    }
}

/// Prints `value` as JSON (`--json`): the same fields the daemon sends.
func printJSON<T: Encodable>(_ value: T) {
    print(String(decoding: encodeLine(value).dropLast(), as: UTF8.self))
}

enum Human {
    /// `3d 4h`, `2h 5m`, `3m 2s`, `42s`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 86_400 { return "\(s / 86_400)d \(s % 86_400 / 3600)h" }
        if s >= 3600 { return "\(s / 3600)h \(s % 3600 / 60)m" }
        if s >= 60 { return "\(s / 60)m \(s % 60)s" }
        return "\(s)s"
    }

    /// `512 B`, `4.2 kB`, `12.0 MB` (powers of 1000, one decimal).
    static func bytes(_ n: Int) -> String {
        if n < 1000 { return "\(n) B" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(n) / 1000
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return "\(oneDecimal(value)) \(units[unit])"
    }

    /// `180 ms`, `1.1 s`: short windows, where whole seconds say nothing.
    static func seconds(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : "\(oneDecimal(seconds)) s"
    }

    static func oneDecimal(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
