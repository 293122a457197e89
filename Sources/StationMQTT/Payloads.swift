import StationCore

/// Who is publishing: the facts of the birth message.
public struct Presence: Sendable, Equatable {
    public var firmware: String
    /// A hash of the running configuration (the daemon's FNV-1a of the file).
    public var configHash: String
    public var bootID: String
    /// When the daemon started, nanoseconds since the Unix epoch.
    public var startedAtNanos: Int64

    public init(firmware: String = StationVersion.current, configHash: String, bootID: String, startedAtNanos: Int64) {
        self.firmware = firmware
        self.configHash = configHash
        self.bootID = bootID
        self.startedAtNanos = startedAtNanos
    }
}

/// What the daemon reports in the periodic health message.
public struct UplinkHealth: Sendable, Equatable {
    /// Readings in the store not yet acknowledged by the broker.
    public var queueDepth: Int
    /// Age of the oldest of them, nil when empty.
    public var oldestAge: Duration?
    /// Readings given up to stay within the disk budget or age limit, since start.
    public var evictions: Int
    /// Whether the kernel says the clock is synchronised (timestamps trusted).
    public var clockSynchronized: Bool
    public var sensors: [SensorHealth]

    public init(queueDepth: Int = 0, oldestAge: Duration? = nil, evictions: Int = 0, clockSynchronized: Bool = false, sensors: [SensorHealth] = []) {
        self.queueDepth = queueDepth
        self.oldestAge = oldestAge
        self.evictions = evictions
        self.clockSynchronized = clockSynchronized
        self.sensors = sensors
    }
}

/// One sensor's state in the health message.
public struct SensorHealth: Sendable, Equatable {
    public var name: String
    public var healthy: Bool
    /// Why not, in words (`no frame for 30 s`), when unhealthy.
    public var detail: String?

    public init(name: String, healthy: Bool, detail: String? = nil) {
        self.name = name
        self.healthy = healthy
        self.detail = detail
    }
}

/// The native JSON payloads (schemas in `docs/asyncapi.yaml`).
public enum Payloads {
    /// One reading: the payload of a live message and an element of a batch.
    public static func write(_ item: OutgoingReading, into json: inout JSONWriter) {
        let r = item.reading
        json.byte(0x7B)
        json.key("id"); json.string(item.id)
        json.byte(0x2C); json.key("sensor"); json.string(r.sensor)
        json.byte(0x2C); json.key("quantity"); json.string(r.quantity)
        json.byte(0x2C); json.key("value"); json.number(r.value)
        json.byte(0x2C); json.key("unit"); json.string(r.unit)
        json.byte(0x2C); json.key("time"); json.time(unixNanos: r.wallNanos)
        json.byte(0x2C); json.key("time_quality"); json.string(r.timeTrust.rawValue)
        json.byte(0x2C); json.key("kind"); json.string(r.kind.rawValue)
        json.byte(0x7D)
    }

    /// A live reading message.
    public static func reading(_ item: OutgoingReading) -> [UInt8] {
        var json = JSONWriter(capacity: 256)
        write(item, into: &json)
        return json.bytes
    }

    /// A backlog batch of `items[...]`, filled while it stays within
    /// `maxBytes` (at least one reading, whatever its size). Returns the
    /// payload and how many readings it holds.
    public static func batch(_ items: ArraySlice<OutgoingReading>, station: String, maxBytes: Int) -> (payload: [UInt8], count: Int) {
        var json = JSONWriter(capacity: min(maxBytes, items.count * 220 + 64))
        json.byte(0x7B)
        json.key("station"); json.string(station)
        json.byte(0x2C); json.key("historical"); json.bool(true)
        json.byte(0x2C); json.key("readings"); json.byte(0x5B)
        var count = 0
        for item in items {
            let mark = json.count
            if count > 0 { json.byte(0x2C) }
            write(item, into: &json)
            if count > 0 && json.count + 2 > maxBytes {
                json.truncate(to: mark)
                break
            }
            count += 1
        }
        json.byte(0x5D)
        json.byte(0x7D)
        return (json.bytes, count)
    }

    /// The retained birth message.
    public static func online(station: String, presence: Presence, nowNanos: Int64) -> [UInt8] {
        var json = JSONWriter()
        json.byte(0x7B)
        json.key("state"); json.string("online")
        json.byte(0x2C); json.key("station"); json.string(station)
        json.byte(0x2C); json.key("firmware"); json.string(presence.firmware)
        json.byte(0x2C); json.key("config_hash"); json.string(presence.configHash)
        json.byte(0x2C); json.key("boot_id"); json.string(presence.bootID)
        json.byte(0x2C); json.key("started_at"); json.time(unixNanos: presence.startedAtNanos)
        json.byte(0x2C); json.key("time"); json.time(unixNanos: nowNanos)
        json.byte(0x7D)
        return json.bytes
    }

    /// The retained status when the station goes away: the will (no time:
    /// the broker sends it later) or a clean shutdown (with a time).
    public static func offline(station: String, nowNanos: Int64?) -> [UInt8] {
        var json = JSONWriter()
        json.byte(0x7B)
        json.key("state"); json.string("offline")
        json.byte(0x2C); json.key("station"); json.string(station)
        if let nowNanos {
            json.byte(0x2C); json.key("reason"); json.string("shutdown")
            json.byte(0x2C); json.key("time"); json.time(unixNanos: nowNanos)
        }
        json.byte(0x7D)
        return json.bytes
    }

    /// The retained health message.
    public static func health(station: String, health: UplinkHealth, uplink: UplinkStatistics, nowNanos: Int64) -> [UInt8] {
        var json = JSONWriter(capacity: 512)
        json.byte(0x7B)
        json.key("station"); json.string(station)
        json.byte(0x2C); json.key("time"); json.time(unixNanos: nowNanos)
        json.byte(0x2C); json.key("queue_depth"); json.integer(health.queueDepth)
        json.byte(0x2C); json.key("oldest_age_s")
        if let age = health.oldestAge {
            json.number(Double(age.components.seconds) + Double(age.components.attoseconds) / 1e18)
        } else {
            json.raw("null")
        }
        json.byte(0x2C); json.key("evictions"); json.integer(health.evictions)
        json.byte(0x2C); json.key("clock_synchronized"); json.bool(health.clockSynchronized)
        json.byte(0x2C); json.key("sensors"); json.byte(0x5B)
        for (i, sensor) in health.sensors.enumerated() {
            if i > 0 { json.byte(0x2C) }
            json.byte(0x7B)
            json.key("name"); json.string(sensor.name)
            json.byte(0x2C); json.key("healthy"); json.bool(sensor.healthy)
            if let detail = sensor.detail { json.byte(0x2C); json.key("detail"); json.string(detail) }
            json.byte(0x7D)
        }
        json.byte(0x5D)
        json.byte(0x2C); json.key("uplink"); json.byte(0x7B)
        json.key("connects"); json.integer(uplink.connects)
        json.byte(0x2C); json.key("failures"); json.integer(uplink.failures)
        json.byte(0x2C); json.key("in_flight"); json.integer(uplink.inFlight)
        json.byte(0x2C); json.key("readings_sent"); json.integer(uplink.readingsSent)
        json.byte(0x2C); json.key("readings_acknowledged"); json.integer(uplink.readingsAcknowledged)
        json.byte(0x7D)
        json.byte(0x7D)
        return json.bytes
    }
}

extension JSONWriter {
    /// Drops everything after the first `count` bytes.
    mutating func truncate(to count: Int) {
        withBytes { $0.removeSubrange(count...) }
    }
}
