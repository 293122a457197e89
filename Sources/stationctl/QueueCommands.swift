import StationConfig
import StationCore
import StationDaemon
import StationSystem

struct QueuePeekCommand: Command {
    static let name = "peek"
    static let abstract = "The oldest N readings waiting to be sent."
    static let help = """
        USAGE: stationctl queue peek [N] [--json]

        Shows the N (default 10, at most 10000) oldest readings the durable
        queue holds, without sending or changing anything.

        OPTIONS:
          --json   One JSON object per reading (fields in docs/control.md).
        """

    var count = 10
    var json = false
    let globals: GlobalOptions

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        self.globals = globals
        for argument in arguments {
            if argument == "--json" {
                json = true
            } else if let n = Int(argument), (1...10_000).contains(n) {
                count = n
            } else {
                throw UsageError(description: "'\(argument)' is not a count from 1 to 10000", help: Self.help)
            }
        }
    }

    func run() -> Int32 {
        withDaemon(globals) { (client) throws(ControlClient.Failure) in
            let readings = try client.request("queue.peek", ["n": String(count)], as: [QueuedReading].self)
            for r in readings {
                if json {
                    printJSON(r)
                } else {
                    let value = r.value.map(SensorsWatchCommand.number) ?? "null"
                    let trust = r.timeTrust == "trusted" ? "" : " (\(r.timeTrust) time)"
                    print("\(r.sequence.description.padded(to: 9))\(r.time)  \(r.sensor.padded(to: 16))\(r.quantity) = \(value) \(r.unit)\(trust)")
                }
            }
            if readings.isEmpty && !json { print("the queue is empty") }
            return ExitCode.ok
        }
    }
}

struct QueueExportCommand: Command {
    static let name = "export"
    static let abstract = "Copy held readings to a file as JSON lines (a USB stick)."
    static let help = """
        USAGE: stationctl queue export --to FILE [--since TIME]

        Copies every reading the durable queue holds (taken at or after TIME)
        into FILE, one JSON object per line, oldest first. Nothing is removed
        from the queue. TIME is RFC 3339 (2026-11-29T06:00:00Z) or an age
        such as 2h or 3d. FILE is written to a temporary name and renamed
        when complete, so a pulled stick never holds half a file.

        EXIT CODES: 0 written, 1 cannot write FILE, 64 usage, 69 stationd not running.
        """

    var file: String
    var sinceNanos: Int64?
    let globals: GlobalOptions

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        self.globals = globals
        var file: String?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--to":
                guard let value = rest.popFirst() else { throw UsageError(description: "--to needs a FILE", help: Self.help) }
                file = value
            case "--since":
                guard let value = rest.popFirst() else { throw UsageError(description: "--since needs a TIME", help: Self.help) }
                guard let nanos = Self.time(value) else {
                    throw UsageError(description: "--since: '\(value)' is neither an RFC 3339 time nor an age like 2h", help: Self.help)
                }
                sinceNanos = nanos
            default:
                throw UsageError(description: "unexpected argument '\(argument)'", help: Self.help)
            }
        }
        guard let file else { throw UsageError(description: "--to FILE is required", help: Self.help) }
        self.file = file
    }

    /// An RFC 3339 time, or an age (`90m`, `2h`, `3d`) before now.
    static func time(_ text: String) -> Int64? {
        if let absolute = RFC3339.parse(text) { return absolute }
        let units: [(String, Int64)] = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]
        for (unit, seconds) in units where text.hasSuffix(unit) {
            guard let n = Int64(text.dropLast()), n >= 0 else { return nil }
            let (age, overflow) = n.multipliedReportingOverflow(by: seconds * 1_000_000_000)
            return overflow ? nil : MonotonicClock.wallNanos() &- age
        }
        return nil
    }

    func run() -> Int32 {
        withDaemon(globals) { (client) throws(ControlClient.Failure) in
            var lines: [UInt8] = []
            var from: UInt64 = 0
            var written = 0
            while true {
                let page = try client.request("queue.peek", ["from": String(from), "n": "5000"], as: [QueuedReading].self)
                for r in page where sinceNanos.map({ (RFC3339.parse(r.time) ?? .max) >= $0 }) ?? true {
                    lines += encodeLine(r)
                    written += 1
                }
                guard let last = page.last, page.count == 5000 else { break }
                from = last.sequence + 1
            }
            do {
                try FileSystem.writeAtomically(file, lines, permissions: 0o644)
            } catch {
                throw ControlClient.Failure(message: "cannot write \(file): \(error)", exitCode: ExitCode.failure)
            }
            print("\(written) readings written to \(file)")
            return ExitCode.ok
        }
    }
}

struct QueuePurgeCommand: Command {
    static let name = "purge"
    static let abstract = "Delete every held reading (asks for --yes)."
    static let help = """
        USAGE: stationctl queue purge [--yes]

        Without --yes: says what would be deleted, and deletes nothing.
        With --yes: deletes every reading the durable queue holds; they will
        never reach the platform. The count appears in `queue stats` as
        evicted (purged). Consider `queue export` first.

        EXIT CODES: 0 purged, 64 --yes missing (nothing deleted), 69 stationd not
        running.
        """

    var confirmed = false
    let globals: GlobalOptions

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        self.globals = globals
        for argument in arguments {
            guard argument == "--yes" else { throw UsageError(description: "unexpected argument '\(argument)'", help: Self.help) }
            confirmed = true
        }
    }

    func run() -> Int32 {
        withDaemon(globals) { (client) throws(ControlClient.Failure) in
            guard confirmed else {
                let q = try client.request("queue.stats", as: QueueReport.self)
                var what = "\(q.depth) readings (\(Human.bytes(q.bytes))"
                if let age = q.oldestAgeSeconds { what += ", the oldest \(Human.duration(age)) old" }
                printError("stationctl: this would delete \(what)) for good; nothing was deleted. Run again with --yes to purge.")
                return ExitCode.usage
            }
            let report = try client.request("queue.purge", ["confirm": "yes"], as: PurgeReport.self)
            print("purged \(report.deleted) readings")
            return ExitCode.ok
        }
    }
}
