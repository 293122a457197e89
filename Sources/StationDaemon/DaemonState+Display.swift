import StationCore
import StationDisplay
import StationSensors
import StationStore
import StationSystem

extension DaemonState {
    /// What the display shows now, from the running services; nil while
    /// the daemon starts or reloads.
    public func displayContent() -> DisplayContent? {
        guard let running = current else { return nil }
        let c = running.loaded.configuration
        let queue = queueReport()
        return DisplayContentBuilder(
            language: DisplayOptions(c).language, station: c.station.name,
            groups: running.gpio.flatMap { $0.inputs.snapshot },
            sensors: running.sensors.map { s in
                let status = s.sensor.status
                return (s.sensor.name, status.health.state, status.lastValues)
            },
            uplinkConnected: running.uplink?.statistics.connected,
            queueDepth: queue?.depth ?? 0, oldestAgeSeconds: queue?.oldestAgeSeconds, clock: clock.now()
        ).content
    }
}

/// Live state to display content; a plain value so that the rules are
/// testable without a running daemon.
public struct DisplayContentBuilder {
    /// Readings waiting less than this are the normal path to the broker,
    /// not an outage.
    public static let offlineAfterSeconds = 60.0

    public var language: DisplayLanguage
    public var station: String
    public var groups: [GroupSnapshot]
    public var sensors: [(name: String, health: SensorHealth.State, values: [SensorValue])]
    /// Whether the MQTT link is up; nil when no uplink runs.
    public var uplinkConnected: Bool?
    public var queueDepth: Int
    public var oldestAgeSeconds: Double?
    public var clock: ClockSnapshot

    public init(
        language: DisplayLanguage, station: String, groups: [GroupSnapshot],
        sensors: [(name: String, health: SensorHealth.State, values: [SensorValue])],
        uplinkConnected: Bool?, queueDepth: Int, oldestAgeSeconds: Double?, clock: ClockSnapshot
    ) {
        self.language = language
        self.station = station
        self.groups = groups
        self.sensors = sensors
        self.uplinkConnected = uplinkConnected
        self.queueDepth = queueDepth
        self.oldestAgeSeconds = oldestAgeSeconds
        self.clock = clock
    }

    /// Air: the mean of each quantity over the sensors that are not
    /// `unavailable` (their last values are stale); those are the faults.
    /// Uplink: online while the MQTT link is up (a backlog may still be
    /// draining). Offline for the age of the oldest reading not yet
    /// delivered (a reading leaves the queue only after the broker's
    /// PUBACK), which survives a restart, rounded down to minutes so the
    /// picture does not change every second. Without an uplink, a reading
    /// waiting a minute or more counts as offline.
    /// Time: only when the kernel says the clock is synchronised.
    public var content: DisplayContent {
        var sums: [String: (total: Double, count: Int)] = [:]
        var faults: [String] = []
        for sensor in sensors {
            if sensor.health == .unavailable {
                faults.append(sensor.name)
                continue
            }
            for value in sensor.values where ["pm2_5", "pm10", "co2"].contains(value.quantity) {
                sums[value.quantity, default: (0, 0)].total += value.value
                sums[value.quantity, default: (0, 0)].count += 1
            }
        }
        func mean(_ q: String) -> Double? { sums[q].map { $0.total / Double($0.count) } }
        let air = sums.isEmpty ? nil : DisplayContent.Air(pm2_5: mean("pm2_5"), pm10: mean("pm10"), co2: mean("co2"))

        var uplink = DisplayContent.Uplink.online
        let age = oldestAgeSeconds ?? 0
        if uplinkConnected == false || (uplinkConnected == nil && age >= Self.offlineAfterSeconds) {
            uplink = .offline(seconds: Int(age) / 60 * 60, queued: queueDepth)
        }
        let time = clock.synchronized ? LocalTime.hoursMinutes(epochSeconds: clock.wallNanos / 1_000_000_000) : nil
        return DisplayContent(
            language: language, station: station,
            groups: groups.map { DisplayContent.Group(name: $0.group, free: $0.free, total: $0.total) },
            air: air, uplink: uplink, time: time, faults: faults)
    }
}
