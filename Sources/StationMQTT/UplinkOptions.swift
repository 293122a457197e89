import StationSystem

/// Everything the uplink is configured with; the daemon maps `[mqtt]` onto it.
/// Defaults are the documented config defaults (`docs/uplink.md`).
public struct UplinkOptions: Sendable, Equatable {
    /// `mqtt.host`, `mqtt.port`.
    public var host: String
    public var port: Int
    /// `station.id`: part of every topic.
    public var stationID: String
    /// `mqtt.client_id` (defaults to the station id): stable, for the persistent session.
    public var clientID: String
    /// `mqtt.topic_prefix`: topics are `PREFIX/STATION_ID/...`.
    public var topicPrefix: String
    /// `mqtt.keepalive`, 5 s...65535 s.
    public var keepalive: Duration
    /// `mqtt.protocol`.
    public var protocolVersion: MQTTProtocolVersion
    /// `[mqtt.tls]`; nil = plain TCP.
    public var tls: MQTTTLSOptions?
    /// `mqtt.credentials_file`.
    public var credentialsFile: String?
    /// `mqtt.in_flight`: QoS 1 messages handed to libmosquitto and not yet acknowledged, at most.
    public var inFlightWindow: Int
    /// `mqtt.batch_max_readings`: readings per backlog message, at most.
    public var batchMaxReadings: Int
    /// `mqtt.batch_max_bytes`: bytes per backlog message payload, at most.
    public var batchMaxBytes: Int
    /// `mqtt.backlog_rate`: backlog readings per second, at most; 0 = no cap.
    public var backlogRate: Int
    /// `mqtt.health_interval`: how often the retained health message is refreshed.
    public var healthInterval: Duration
    /// `mqtt.reconnect_max_delay`: the backoff cap (at most 10 s by default).
    public var reconnectMaxDelay: Duration
    /// How long a connect may take (TCP, TLS, CONNACK) before it is abandoned.
    public var connectTimeout: Duration

    public init(
        host: String, port: Int = 1883, stationID: String, clientID: String? = nil,
        topicPrefix: String = "stations", keepalive: Duration = .seconds(30),
        protocolVersion: MQTTProtocolVersion = .v311, tls: MQTTTLSOptions? = nil,
        credentialsFile: String? = nil, inFlightWindow: Int = 20, batchMaxReadings: Int = 1000,
        batchMaxBytes: Int = 256 * 1024, backlogRate: Int = 5000, healthInterval: Duration = .seconds(60),
        reconnectMaxDelay: Duration = .seconds(10), connectTimeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.stationID = stationID
        self.clientID = clientID ?? stationID
        self.topicPrefix = topicPrefix
        self.keepalive = keepalive
        self.protocolVersion = protocolVersion
        self.tls = tls
        self.credentialsFile = credentialsFile
        self.inFlightWindow = inFlightWindow
        self.batchMaxReadings = batchMaxReadings
        self.batchMaxBytes = batchMaxBytes
        self.backlogRate = backlogRate
        self.healthInterval = healthInterval
        self.reconnectMaxDelay = reconnectMaxDelay
        self.connectTimeout = connectTimeout
    }

    /// The in-flight slots backlog batches may use: the rest are kept for
    /// live readings, so a live reading never waits behind a full window of batches.
    public var backlogWindow: Int {
        max(1, inFlightWindow - max(1, inFlightWindow / 5))
    }

    /// Checks every value; the first problem is thrown, named by its config key.
    public func validate() throws(UplinkError) {
        if host.isEmpty { throw .option("mqtt.host", "must not be empty") }
        if !(1...65535).contains(port) { throw .option("mqtt.port", "\(port) is out of range (1...65535)") }
        let keepaliveSeconds = keepalive.components.seconds
        if !(5...65535).contains(keepaliveSeconds) {
            throw .option("mqtt.keepalive", "\(keepalive) is out of range (5 s...65535 s)")
        }
        try Self.checkTopicLevel(stationID, key: "station.id")
        if clientID.isEmpty || clientID.utf8.count > 65535 { throw .option("mqtt.client_id", "must be 1 to 65535 bytes") }
        for level in topicPrefix.split(separator: "/", omittingEmptySubsequences: false) {
            try Self.checkTopicLevel(String(level), key: "mqtt.topic_prefix")
        }
        if !(1...65535).contains(inFlightWindow) {
            throw .option("mqtt.in_flight", "\(inFlightWindow) is out of range (1...65535)")
        }
        if !(1...100_000).contains(batchMaxReadings) {
            throw .option("mqtt.batch_max_readings", "\(batchMaxReadings) is out of range (1...100000)")
        }
        if !(1024...(64 << 20)).contains(batchMaxBytes) {
            throw .option("mqtt.batch_max_bytes", "\(batchMaxBytes) is out of range (1 KiB...64 MiB)")
        }
        if backlogRate < 0 { throw .option("mqtt.backlog_rate", "must be 0 (no cap) or more") }
        if healthInterval < .seconds(1) { throw .option("mqtt.health_interval", "must be at least 1 s") }
        if reconnectMaxDelay < .milliseconds(100) || reconnectMaxDelay > .seconds(600) {
            throw .option("mqtt.reconnect_max_delay", "\(reconnectMaxDelay) is out of range (100 ms...10 min)")
        }
        if let tls, (tls.certFile == nil) != (tls.keyFile == nil) {
            throw .option("mqtt.tls", "cert_file and key_file go together: give both or neither")
        }
    }

    private static func checkTopicLevel(_ level: String, key: String) throws(UplinkError) {
        if level.isEmpty { throw .option(key, "has an empty topic level") }
        if level.contains(where: { $0 == "+" || $0 == "#" || $0 == "/" || $0 == "\0" }) {
            throw .option(key, "'\(level)' must not contain '+', '#', '/' or NUL in a topic level")
        }
    }

    /// The libmosquitto connection these options describe, with the login
    /// read from the credentials file (throws if that file is not private).
    public func connectOptions(will: MQTTMessage?) throws(UplinkError) -> MQTTConnectOptions {
        let credentials = try credentialsFile.map { (path: String) throws(UplinkError) -> Credentials in try Credentials.load(path) }
        return MQTTConnectOptions(
            host: host, port: port, clientID: clientID, keepaliveSeconds: Int(keepalive.components.seconds),
            protocolVersion: protocolVersion, cleanSession: false, tls: tls,
            username: credentials?.username, password: credentials?.password, will: will,
            backoff: Backoff(initial: min(.milliseconds(250), reconnectMaxDelay), cap: reconnectMaxDelay),
            connectTimeout: connectTimeout)
    }
}
