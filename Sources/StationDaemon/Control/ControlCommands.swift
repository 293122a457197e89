import StationConfig
import StationCore
import StationStore
import StationSystem
import Synchronization

/// What each control command does; one case per command (docs/control.md).
enum ControlCommands {
    static let names = ["status", "queue.stats", "queue.peek", "queue.purge", "sensors.list", "sensors.watch", "config.show", "reload", "display.preview"]

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
        case "queue.peek":
            guard let store = state.current?.store?.store else { return reply(nil as [QueuedReading]?) }
            let from = request.arguments["from"].flatMap(UInt64.init) ?? 0
            let count = min(10_000, max(1, request.arguments["n"].flatMap(Int.init) ?? 10))
            do {
                return reply(try store.peek(from: from, max: count).map(QueuedReading.init))
            } catch {
                return [encodeLine(ControlResponse<String>(error: ControlFailure("failed", "\(error)")))]
            }
        case "queue.purge":
            guard request.arguments["confirm"] == "yes" else {
                return [encodeLine(ControlResponse<String>(error: .badRequest("queue.purge needs arguments {\"confirm\": \"yes\"}")))]
            }
            guard let store = state.current?.store?.store else { return reply(nil as PurgeReport?) }
            do {
                return reply(PurgeReport(deleted: try store.purge()))
            } catch {
                return [encodeLine(ControlResponse<String>(error: ControlFailure("failed", "\(error)")))]
            }
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

/// One held reading, as `queue.peek` shows it and `queue export` writes it.
public struct QueuedReading: Codable, Sendable, Equatable {
    public var id: String
    public var sequence: UInt64
    public var sensor: String
    public var quantity: String
    public var value: Double?
    public var unit: String
    public var kind: String
    /// RFC 3339, UTC.
    public var time: String
    public var timeTrust: String

    enum CodingKeys: String, CodingKey {
        case id, sequence, sensor, quantity, value, unit, kind, time
        case timeTrust = "time_trust"
    }

    init(_ stored: StoredReading) {
        let r = stored.reading
        id = stored.id.description
        sequence = stored.id.sequence
        sensor = r.sensor
        quantity = r.quantity
        value = r.value.isFinite ? r.value : nil
        unit = r.unit
        kind = r.kind.rawValue
        time = RFC3339.format(unixNanos: r.wallNanos)
        timeTrust = r.timeTrust.rawValue
    }
}

/// The answer to `queue.purge`.
public struct PurgeReport: Codable, Sendable, Equatable {
    public var deleted: Int
}
