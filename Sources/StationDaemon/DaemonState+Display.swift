import StationCore
import StationDisplay
import StationSystem

extension DaemonState {
    /// Readings waiting less than this are the normal path to the broker,
    /// not an outage.
    static let offlineAfterSeconds = 60.0

    /// What the display shows now, from the running services; nil while
    /// the daemon starts or reloads.
    ///
    /// Offline time is the age of the oldest reading not yet delivered
    /// (a reading leaves the queue only after the broker's PUBACK), rounded
    /// down to minutes so the picture does not change every second.
    public func displayContent() -> DisplayContent? {
        guard let running = current else { return nil }
        let c = running.loaded.configuration
        let groups = running.gpio.flatMap { $0.inputs.snapshot }.map {
            DisplayContent.Group(name: $0.group, free: $0.free, total: $0.total)
        }
        var sums: [String: (total: Double, count: Int)] = [:]
        var faults: [String] = []
        for service in running.sensors {
            let status = service.sensor.status
            if status.health.state == .unavailable { faults.append(service.sensor.name); continue }
            for value in status.lastValues where ["pm2_5", "pm10", "co2"].contains(value.quantity) {
                sums[value.quantity, default: (0, 0)].total += value.value
                sums[value.quantity, default: (0, 0)].count += 1
            }
        }
        func mean(_ q: String) -> Double? { sums[q].map { $0.total / Double($0.count) } }
        let air = sums.isEmpty ? nil : DisplayContent.Air(pm2_5: mean("pm2_5"), pm10: mean("pm10"), co2: mean("co2"))

        var uplink = DisplayContent.Uplink.online
        if let queue = queueReport(), let age = queue.oldestAgeSeconds, age >= Self.offlineAfterSeconds {
            uplink = .offline(seconds: Int(age) / 60 * 60, queued: queue.depth)
        }
        let now = clock.now()
        let time = now.synchronized ? LocalTime.hoursMinutes(epochSeconds: now.wallNanos / 1_000_000_000) : nil
        return DisplayContent(
            language: DisplayOptions(c).language, station: c.station.name, groups: groups, air: air,
            uplink: uplink, time: time, faults: faults)
    }
}
