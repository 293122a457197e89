import StationDaemon

struct StatusCommand: Command {
    static let name = "status"
    static let abstract = "The station at a glance: queue, sensors, clock."
    static let help = """
        USAGE: stationctl status [--json]

        Asks the running stationd for its version, uptime, configuration,
        queue (depth, size, oldest reading, evictions, drain rate and time to
        empty), each sensor's health and last values, and clock trust.

        OPTIONS:
          --json   The daemon's answer as JSON (fields in docs/control.md).

        EXIT CODES: 0 ok, 69 stationd not running, 77 permission denied.
        """

    var json = false
    let globals: GlobalOptions

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        self.globals = globals
        json = try jsonFlag(arguments, help: Self.help)
    }

    func run() -> Int32 {
        withDaemon(globals) { (client) throws(ControlClient.Failure) in
            let report = try client.request("status", as: StatusReport.self)
            if json {
                printJSON(report)
            } else {
                print(Self.render(report))
            }
            return ExitCode.ok
        }
    }

    /// The human view: short lines, most important first, under 80 columns.
    static func render(_ r: StatusReport) -> String {
        var lines: [String] = []
        lines.append("station   \(r.station) (\(r.name))\(r.board.map { ", board \($0)" } ?? "")")
        var version = "version   \(r.version), up \(Human.duration(Double(r.uptimeSeconds))), config \(r.configHash)"
        if let rss = r.residentBytes { version += ", \(Human.bytes(rss)) in memory" }
        lines.append(version)
        lines.append("clock     " + (r.clock.synchronized ? "synchronised" : "NOT synchronised: times are corrected once it syncs"))
        if let u = r.uplink {
            if u.connected {
                lines.append("uplink    online: \(u.broker); sent \(u.sent) (\(u.backlogSent) backlog), acknowledged \(u.acknowledged)")
            } else {
                lines.append("uplink    OFFLINE: \(u.broker), \(u.failures) failed attempts")
                if let error = u.lastError {
                    // The whole text is in `status --json` and the log; here it must fit.
                    let line = "          last error: \(error)"
                    lines.append(line.count <= 80 ? line : String(line.prefix(79)) + "…")
                }
                lines.append("          readings wait in the queue and are sent when it is back")
            }
        }
        if let q = r.queue {
            lines += QueueStatsCommand.render(q)
        } else {
            lines.append("queue     unavailable")
        }
        if !r.sensors.isEmpty {
            lines.append("sensors")
            lines += SensorsListCommand.render(r.sensors).map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}

struct QueueStatsCommand: Command {
    static let name = "stats"
    static let abstract = "Queue depth, size, age, evictions and drain rate."
    static let help = """
        USAGE: stationctl queue stats [--json]

        The durable queue as the running stationd sees it: readings held, size,
        oldest age, rates, evictions by reason and alarms. "at risk" gives the
        longest time since start that a reading was held only in memory (lost
        if stationd is killed) and only in the page cache (lost at a power
        cut): the `commit_interval` and `sync` settings at work. "disk" is
        what stationd writes to storage, recently: the SD card's wear.

        OPTIONS:
          --json   The daemon's answer as JSON (fields in docs/control.md).
        """

    var json = false
    let globals: GlobalOptions

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        self.globals = globals
        json = try jsonFlag(arguments, help: Self.help)
    }

    func run() -> Int32 {
        withDaemon(globals) { (client) throws(ControlClient.Failure) in
            let report = try client.request("queue.stats", as: QueueReport.self)
            if json { printJSON(report) } else { print(Self.render(report).joined(separator: "\n")) }
            return ExitCode.ok
        }
    }

    static func render(_ q: QueueReport) -> [String] {
        var head = "queue     \(q.depth) readings, \(Human.bytes(q.bytes))"
        if let age = q.oldestAgeSeconds { head += ", oldest \(Human.duration(age))" }
        var lines = [head]
        var flow = "          in \(Human.oneDecimal(q.ingestPerSecond))/s, out \(Human.oneDecimal(q.drainPerSecond))/s, delivered \(q.delivered)"
        if let eta = q.secondsToEmpty, q.depth > 0 { flow += ", empty in ~\(Human.duration(eta))" }
        lines.append(flow)
        let evicted = q.evicted.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        lines.append("evicted   " + (evicted.isEmpty ? "none" : evicted.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        // The longest windows seen since start: how much a kill or a power
        // cut could have cost on this device, as configured.
        if let unsynced = q.maxUnsyncedSeconds {
            lines.append("at risk   kill \(Human.seconds(q.maxUncommittedSeconds)), power cut \(Human.seconds(unsynced)) (longest since start)")
        } else {
            lines.append("at risk   kill \(Human.seconds(q.maxUncommittedSeconds)) (longest since start); power cut ~30 s (sync = os)")
        }
        if let written = q.writtenPerSecond {
            // The card's wear, per reading where readings arrive.
            var disk = "disk      stationd writes \(Human.bytes(Int(written)))/s, \(Human.bytes(Int(written * 86_400)))/day"
            if q.ingestPerSecond >= 0.1 { disk += ", \(Human.bytes(Int(written / q.ingestPerSecond))) per reading" }
            lines.append(disk)
        }
        lines.append("alarms    " + (q.alarms.isEmpty ? "none" : q.alarms.joined(separator: "; ")))
        return lines
    }
}

struct SensorsListCommand: Command {
    static let name = "list"
    static let abstract = "Each sensor's health, failures and last values."
    static let help = """
        USAGE: stationctl sensors list [--json]

        Every configured sensor and input as the running stationd sees it:
        health (ok, degraded, unavailable; for inputs occupied, free, unknown),
        failures by reason, and the last values.

        OPTIONS:
          --json   The daemon's answer as JSON (fields in docs/control.md).
        """

    var json = false
    let globals: GlobalOptions

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        self.globals = globals
        json = try jsonFlag(arguments, help: Self.help)
    }

    func run() -> Int32 {
        withDaemon(globals) { (client) throws(ControlClient.Failure) in
            let reports = try client.request("sensors.list", as: [SensorReport].self)
            if json { printJSON(reports) } else { print(Self.render(reports).joined(separator: "\n")) }
            return ExitCode.ok
        }
    }

    static func render(_ sensors: [SensorReport]) -> [String] {
        sensors.map { s in
            var text = "\(s.name.padded(to: 16))\(s.model.padded(to: 8))\(s.health)"
            if let detail = s.detail { text += " (\(detail))" }
            let failures = s.failures.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            if !failures.isEmpty { text += "; " + failures.joined(separator: ", ") }
            if s.model != "gpio", let first = s.last.first { text += "; " + ([first] + s.last.dropFirst().prefix(1)).joined(separator: ", ") }
            return text
        }
    }
}
