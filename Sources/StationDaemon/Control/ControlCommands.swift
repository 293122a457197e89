import StationConfig
import StationCore
import StationSystem
import Synchronization

/// What each control command does; one case per command (docs/control.md).
enum ControlCommands {
    static let names = ["status", "queue.stats", "sensors.list", "config.show", "reload", "display.preview"]

    static func run(_ request: ControlRequest, state: DaemonState) -> [[UInt8]] {
        func reply<T: Codable & Sendable>(_ value: T?) -> [[UInt8]] {
            guard let value else { return [encodeLine(ControlResponse<String>(error: ControlFailure("unavailable", "the daemon is starting or reloading; try again")))] }
            return [encodeLine(ControlResponse(data: value))]
        }
        switch request.command {
        case "status":
            return reply(state.statusReport())
        case "queue.stats":
            return reply(state.queueReport())
        case "sensors.list":
            return reply(state.current.map { _ in state.sensorReports() })
        case "config.show":
            return reply(state.current.map { ConfigShow(hash: $0.loaded.hash, files: $0.loaded.files, text: ConfigRenderer.toml($0.loaded.configuration)) })
        case "display.preview":
            return reply(state.displayContent())
        case "reload":
            return reply(waitForReload(state))
        default:
            return [encodeLine(ControlResponse<String>(error: ControlFailure("unknown_command", "unknown command '\(request.command)'; known: \(names.joined(separator: ", "))")))]
        }
    }

    /// Blocks this client's thread until the main loop has reloaded.
    private static func waitForReload(_ state: DaemonState) -> ReloadReport? {
        let result = Mutex<ReloadReport?>(nil)
        guard let done = try? WakeSignal() else { return nil }
        state.requestReload { report in
            result.withLock { $0 = report }
            done.fire()
        }
        _ = try? Poll.wait([(done.descriptor, .readable)], timeoutMilliseconds: 120_000)
        return result.withLock { $0 } ?? ReloadReport(outcome: "timeout", configHash: "", messages: ["no answer from the daemon's main loop within 120 s"])
    }
}

/// `config.show`: the effective configuration, defaults included.
public struct ConfigShow: Codable, Sendable, Equatable {
    public var hash: String
    public var files: [String]
    public var text: String

    public init(hash: String, files: [String], text: String) {
        self.hash = hash
        self.files = files
        self.text = text
    }
}
