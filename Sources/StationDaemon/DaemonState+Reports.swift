import StationConfig
import StationCore
import StationMQTT
import StationSensors
import StationStore
import StationSystem

extension DaemonState {
    /// The whole station at a glance.
    public func statusReport() -> StatusReport? {
        guard let running = current else { return nil }
        let c = running.loaded.configuration
        let now = clock.now()
        return StatusReport(
            version: StationVersion.current, station: c.station.id, name: c.station.name, board: c.board,
            uptimeSeconds: uptimeSeconds, residentBytes: ProcessIO.residentBytes(), configHash: running.loaded.hash,
            configFiles: running.loaded.files,
            clock: ClockReport(synchronized: now.synchronized, bootID: now.bootID.hex),
            queue: queueReport(), uplink: uplinkReport(), sensors: sensorReports())
    }

    public func uplinkReport() -> UplinkReport? {
        guard let uplink = current?.uplink else { return nil }
        let s = uplink.statistics
        return UplinkReport(
            broker: "\(uplink.options.host):\(uplink.options.port)", connected: s.connected, connects: s.connects,
            failures: s.failures, sent: s.readingsSent, backlogSent: s.backlogSent, acknowledged: s.readingsAcknowledged,
            inFlight: s.inFlight, lastError: uplink.lastFailure)
    }

    public func queueReport() -> QueueReport? {
        guard let store = current?.store?.store, let s = try? store.stats() else { return nil }
        return QueueReport(
            depth: s.depth, uncommitted: s.uncommitted, leased: s.leased, bytes: s.bytes,
            oldestAgeSeconds: s.oldestAgeNanos.map { Double($0) / 1e9 }, delivered: s.deliveredTotal, appended: s.appendedTotal,
            evicted: Dictionary(uniqueKeysWithValues: s.evicted.map { ($0.key.rawValue, $0.value) }),
            ingestPerSecond: s.ingestPerSecond, drainPerSecond: s.drainPerSecond,
            secondsToEmpty: QueueReport.secondsToEmpty(depth: s.depth, ingestPerSecond: s.ingestPerSecond, drainPerSecond: s.drainPerSecond),
            writtenPerSecond: s.writtenPerSecond,
            maxUncommittedSeconds: Double(s.maxUncommittedNanos) / 1e9,
            maxUnsyncedSeconds: s.maxUnsyncedNanos.map { Double($0) / 1e9 },
            alarms: s.alarms.map(\.description))
    }

    /// At most two decimals, no trailing zeros: `612`, `4.53`, `21.5`.
    static func compact(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let hundredths = (value * 100).rounded()
        if hundredths.truncatingRemainder(dividingBy: 100) == 0 { return String(Int64(hundredths / 100)) }
        if hundredths.truncatingRemainder(dividingBy: 10) == 0 { return String(Double(Int64(hundredths / 10)) / 10) }
        return String(Double(Int64(hundredths)) / 100)
    }

    public func sensorReports() -> [SensorReport] {
        guard let running = current else { return [] }
        var reports = running.sensors.map { service in
            let s = service.sensor.status
            return SensorReport(
                name: service.sensor.name, model: service.sensor.options.model.rawValue, health: s.health.state.rawValue,
                detail: s.health.detail.isEmpty ? nil : s.health.detail, readings: s.readings,
                failures: Dictionary(uniqueKeysWithValues: FailureReason.allCases.compactMap { r in s.failures[r] > 0 ? (r.rawValue, s.failures[r]) : nil }),
                last: s.lastValues.map { "\($0.quantity)=\(Self.compact($0.value)) \($0.unit)" })
        }
        for service in running.gpio {
            for tracker in service.inputs.trackers {
                reports.append(SensorReport(
                    name: tracker.options.name, model: "gpio", health: tracker.state.rawValue,
                    detail: tracker.isStuck ? "stuck" : nil, readings: nil,
                    failures: tracker.glitches > 0 ? ["glitch": tracker.glitches] : [:],
                    last: ["group=\(tracker.options.group)"]))
            }
        }
        return reports
    }
}
