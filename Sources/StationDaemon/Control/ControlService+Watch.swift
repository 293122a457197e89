import StationCore
import StationSystem

/// One reading as `sensors.watch` streams it.
public struct WatchedReading: Codable, Sendable, Equatable {
    public var sensor: String
    public var quantity: String
    public var value: Double
    public var unit: String
    public var kind: String
    /// RFC 3339, UTC, milliseconds.
    public var time: String
    /// `trusted` or `untrusted` (a live reading cannot have been corrected yet).
    public var timeTrust: String
    /// Readings this watcher missed because it read too slowly (the store has them).
    public var missed: Int?

    enum CodingKeys: String, CodingKey {
        case sensor, quantity, value, unit, kind, time, missed
        case timeTrust = "time_trust"
    }
}

extension ControlService {
    /// Streams readings as they are stored until the client goes away.
    /// `sensors` (comma-separated names) narrows the stream.
    func watch(_ connection: UnixStreamConnection, sensors: String?) throws(SystemError) {
        let wanted = sensors.map { Set($0.split(separator: ",").map(String.init)) }
        guard let watcher = try? state.tap.add() else {
            try connection.write(encodeLine(ControlResponse<String>(error: ControlFailure("unavailable", "cannot watch now"))))
            return
        }
        defer { state.tap.remove(watcher) }
        while true {
            let ready = try Poll.wait([(watcher.wake.descriptor, .readable), (connection.fd, .readable)], timeoutMilliseconds: 30_000)
            // Readable or hung up on the client's side: it closed (or sent
            // something it should not have during a watch).
            if !ready[1].isEmpty { return }
            let (readings, dropped) = watcher.take()
            var missed = dropped
            for r in readings where wanted?.contains(r.sensor) ?? true {
                let line = WatchedReading(
                    sensor: r.sensor, quantity: r.quantity, value: r.value, unit: r.unit, kind: r.kind.rawValue,
                    time: RFC3339.format(unixNanos: r.wallNanos), timeTrust: r.timeTrust.rawValue, missed: missed > 0 ? missed : nil)
                missed = 0
                try connection.write(encodeLine(ControlResponse(data: line, more: true)))
            }
        }
    }
}
