/// What `stationctl status` shows: the whole station at a glance. Field
/// names are the stable JSON of `stationctl status --json` (docs/control.md).
public struct StatusReport: Codable, Sendable, Equatable {
    public var version: String
    public var station: String
    public var name: String
    public var board: String?
    public var uptimeSeconds: Int
    /// stationd's resident memory in bytes (`VmRSS`); nil when unknown.
    public var residentBytes: Int?
    public var configHash: String
    public var configFiles: [String]
    public var clock: ClockReport
    public var queue: QueueReport?
    public var uplink: UplinkReport?
    public var sensors: [SensorReport]

    enum CodingKeys: String, CodingKey {
        case version, station, name, board, clock, queue, uplink, sensors
        case uptimeSeconds = "uptime_s"
        case residentBytes = "resident_bytes"
        case configHash = "config_hash"
        case configFiles = "config_files"
    }
}

public struct ClockReport: Codable, Sendable, Equatable {
    /// Whether the kernel says the clock is synchronised (adjtimex).
    public var synchronized: Bool
    public var bootID: String

    enum CodingKeys: String, CodingKey {
        case synchronized
        case bootID = "boot_id"
    }
}

public struct QueueReport: Codable, Sendable, Equatable {
    public var depth: Int
    public var uncommitted: Int
    public var leased: Int
    public var bytes: Int
    public var oldestAgeSeconds: Double?
    public var delivered: UInt64
    public var appended: UInt64
    public var evicted: [String: UInt64]
    public var ingestPerSecond: Double
    public var drainPerSecond: Double
    /// depth / (drain rate - ingest rate), when the queue is draining
    /// faster than readings arrive; nil otherwise (offline: never).
    public var secondsToEmpty: Double?
    /// Bytes stationd caused to be written to storage per second, recently
    /// (the SD card's wear); nil until measured.
    public var writtenPerSecond: Double?
    /// The longest any reading was neither committed nor acknowledged since
    /// the store opened: what a kill could have lost at worst.
    public var maxUncommittedSeconds: Double
    /// The longest a committed reading waited for its sync since the store
    /// opened: what a power cut could have lost at worst; nil with `sync = "os"`.
    public var maxUnsyncedSeconds: Double?
    public var alarms: [String]

    /// Readings keep arriving while the queue drains: it empties at the
    /// difference of the rates, and never while it is not ahead (offline).
    public static func secondsToEmpty(depth: Int, ingestPerSecond: Double, drainPerSecond: Double) -> Double? {
        drainPerSecond > ingestPerSecond ? Double(depth) / (drainPerSecond - ingestPerSecond) : nil
    }

    enum CodingKeys: String, CodingKey {
        case depth, uncommitted, leased, bytes, delivered, appended, evicted, alarms
        case oldestAgeSeconds = "oldest_age_s"
        case ingestPerSecond = "ingest_per_s"
        case drainPerSecond = "drain_per_s"
        case secondsToEmpty = "eta_empty_s"
        case writtenPerSecond = "written_bytes_per_s"
        case maxUncommittedSeconds = "uncommitted_max_s"
        case maxUnsyncedSeconds = "unsynced_max_s"
    }
}

public struct UplinkReport: Codable, Sendable, Equatable {
    /// `host:port`.
    public var broker: String
    public var connected: Bool
    public var connects: Int
    /// Connection attempts that failed (the reason is in the log, once per kind).
    public var failures: Int
    public var sent: Int
    public var backlogSent: Int
    public var acknowledged: Int
    public var inFlight: Int
    /// The most recent connection failure, in words.
    public var lastError: String?

    enum CodingKeys: String, CodingKey {
        case broker, connected, connects, failures, sent, acknowledged
        case lastError = "last_error"
        case backlogSent = "backlog_sent"
        case inFlight = "in_flight"
    }
}

public struct SensorReport: Codable, Sendable, Equatable {
    public var name: String
    public var model: String
    /// `ok`, `degraded`, `unavailable` (serial), or the input's state (gpio:
    /// `occupied`, `free`, `unknown`).
    public var health: String
    public var detail: String?
    public var readings: Int?
    public var failures: [String: Int]
    /// The last values, `quantity=value unit`.
    public var last: [String]
}

/// The outcome of `reload` / `config apply`.
public struct ReloadReport: Codable, Sendable, Equatable {
    /// `applied`, `unchanged`, `refused` (the file has errors), `rolled_back`
    /// (valid, but it failed to start; the previous configuration runs).
    public var outcome: String
    public var configHash: String
    public var messages: [String]

    public init(outcome: String, configHash: String, messages: [String]) {
        self.outcome = outcome
        self.configHash = configHash
        self.messages = messages
    }

    enum CodingKeys: String, CodingKey {
        case outcome, messages
        case configHash = "config_hash"
    }
}
