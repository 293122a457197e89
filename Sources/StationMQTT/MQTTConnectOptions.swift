/// The MQTT protocol level to speak.
public enum MQTTProtocolVersion: String, Sendable, Equatable, CaseIterable {
    case v311 = "3.1.1"
    case v5 = "5"
}

/// A message to publish or one that arrived.
public struct MQTTMessage: Sendable, Equatable {
    public var topic: String
    public var payload: [UInt8]
    public var qos: Int32
    public var retain: Bool

    public init(topic: String, payload: [UInt8], qos: Int32 = 1, retain: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
    }

    /// The payload as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: payload, as: UTF8.self) }
}

/// TLS settings of a connection.
public struct MQTTTLSOptions: Sendable, Equatable {
    /// The CA bundle that signs the broker's certificate; nil uses the system
    /// store (`/etc/ssl/certs`).
    public var caFile: String?
    /// Client certificate and key for mutual TLS: both or neither.
    public var certFile: String?
    public var keyFile: String?
    /// Whether the broker's certificate chain is verified. On by default;
    /// switching it off is for a lab only and is logged as a warning. For a
    /// loopback host the *host name* check is skipped (the chain still is
    /// verified), as loopback certificates rarely name `127.0.0.1`.
    public var verifyServer: Bool

    public init(caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil, verifyServer: Bool = true) {
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
        self.verifyServer = verifyServer
    }
}

/// Everything `MosquittoClient` needs to reach a broker.
public struct MQTTConnectOptions: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// Stable across restarts: with `cleanSession` false the broker keeps the
    /// session (subscriptions, queued QoS 1 messages) under this id.
    public var clientID: String
    /// Seconds; libmosquitto accepts 5...65535.
    public var keepaliveSeconds: Int
    public var protocolVersion: MQTTProtocolVersion
    public var cleanSession: Bool
    public var tls: MQTTTLSOptions?
    public var username: String?
    public var password: String?
    /// The last will, published by the broker when the link dies without a DISCONNECT.
    public var will: MQTTMessage?
    public var backoff: Backoff
    /// How long a TCP connect plus CONNACK may take before the attempt is abandoned.
    public var connectTimeout: Duration

    public init(
        host: String, port: Int, clientID: String, keepaliveSeconds: Int = 30,
        protocolVersion: MQTTProtocolVersion = .v311, cleanSession: Bool = false,
        tls: MQTTTLSOptions? = nil, username: String? = nil, password: String? = nil,
        will: MQTTMessage? = nil, backoff: Backoff = Backoff(), connectTimeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.clientID = clientID
        self.keepaliveSeconds = keepaliveSeconds
        self.protocolVersion = protocolVersion
        self.cleanSession = cleanSession
        self.tls = tls
        self.username = username
        self.password = password
        self.will = will
        self.backoff = backoff
        self.connectTimeout = connectTimeout
    }

    /// How long the link may stay without any inbound packet before it is
    /// declared dead: 1.5 x keepalive less half a second. libmosquitto sends
    /// PINGREQ after one keepalive of silence (its clock counts whole
    /// seconds, so up to a second late) and only gives up after a second
    /// keepalive; we give up first, within the 1.5 x keepalive promise.
    public var silenceLimit: Duration {
        .milliseconds(keepaliveSeconds * 1500 - 500)
    }
}

/// What a `MosquittoClient` tells its owner. Every closure runs on the
/// client's network thread (inside libmosquitto's callbacks or right after a
/// loop turn): it must not block for long. Publishing from them is allowed.
public struct MQTTClientEvents: Sendable {
    /// CONNACK accepted; `sessionPresent` says whether the broker kept our session.
    public var connected: @Sendable (_ sessionPresent: Bool) -> Void
    /// The link is down; nil when we closed it on request.
    public var disconnected: @Sendable (ConnectionFailure?) -> Void
    /// The broker acknowledged the QoS 1 message with this message id (PUBACK).
    public var published: @Sendable (Int32) -> Void
    /// A message arrived on a subscription.
    public var message: @Sendable (MQTTMessage) -> Void
    /// Called after every turn of the network loop (at least every 100 ms
    /// while connected): the place for timers and batched work.
    public var tick: @Sendable () -> Void

    public init(
        connected: @escaping @Sendable (Bool) -> Void = { _ in },
        disconnected: @escaping @Sendable (ConnectionFailure?) -> Void = { _ in },
        published: @escaping @Sendable (Int32) -> Void = { _ in },
        message: @escaping @Sendable (MQTTMessage) -> Void = { _ in },
        tick: @escaping @Sendable () -> Void = {}
    ) {
        self.connected = connected
        self.disconnected = disconnected
        self.published = published
        self.message = message
        self.tick = tick
    }
}
