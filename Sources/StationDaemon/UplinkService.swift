import StationConfig
import StationCore
import StationMQTT
import StationStore

/// The uplink is a service as it is: `prepare()` checks its options and
/// credentials, `run()` keeps the connection until cancelled.
extension Uplink: Service {}

/// The durable store seen through the uplink's lease/acknowledge contract:
/// the store decides what is live (taken since the last (re)connect); a
/// reading's handle is its sequence number.
public struct StoreUplinkQueue: UplinkQueue {
    private let current: @Sendable () -> Store?

    /// Over the store service's store (open once the service is prepared).
    init(store: StoreService) {
        current = { store.store }
    }

    /// Over an open store (benchmarks, tests).
    public init(_ store: Store) {
        current = { store }
    }

    private func open() throws -> Store {
        guard let store = current() else { throw StoreError(.closed, path: "store", detail: "not open") }
        return store
    }

    public func leaseLive(max: Int) throws -> [OutgoingReading] {
        try open().leaseLive(max: max).map { OutgoingReading(id: $0.id.description, handle: $0.id.sequence, reading: $0.reading, isLive: true) }
    }

    public func leaseBacklog(max: Int) throws -> [OutgoingReading] {
        try open().leaseBacklog(max: max).map { OutgoingReading(id: $0.id.description, handle: $0.id.sequence, reading: $0.reading, isLive: false) }
    }

    public func acknowledge(_ handles: [UInt64]) throws {
        try open().acknowledge(sequences: handles)
    }

    public func returnLeases() throws {
        try open().returnLeases()
    }
}

extension UplinkOptions {
    /// The uplink options a configuration asks for.
    public init(_ c: StationConfiguration) {
        let m = c.mqtt
        self.init(
            host: m.host, port: m.port, stationID: c.station.id, clientID: m.clientID, topicPrefix: m.topicPrefix,
            keepalive: m.keepalive, protocolVersion: MQTTProtocolVersion(rawValue: m.protocolVersion.rawValue) ?? .v311,
            tls: m.tls.map { MQTTTLSOptions(caFile: $0.caFile, certFile: $0.certFile, keyFile: $0.keyFile, verifyServer: $0.verifyServer) },
            credentialsFile: m.credentialsFile, inFlightWindow: m.inFlight, batchMaxReadings: m.batchMaxReadings,
            batchMaxBytes: m.batchMaxBytes, backlogRate: m.backlogRate, healthInterval: m.healthInterval,
            reconnectMaxDelay: m.reconnectMaxDelay, connectTimeout: m.connectTimeout)
    }
}

extension DaemonState {
    /// What the retained health message carries (called on the uplink's thread).
    func uplinkHealth() -> UplinkHealth {
        let queue = queueReport()
        let now = clock.now()
        let sensors = sensorReports().filter { $0.model != "gpio" }.map {
            StationMQTT.SensorHealth(name: $0.name, healthy: $0.health == "ok", detail: $0.detail)
        }
        return UplinkHealth(
            queueDepth: queue?.depth ?? 0, oldestAge: queue?.oldestAgeSeconds.map { .milliseconds(Int64($0 * 1000)) },
            evictions: Int(queue?.evicted.values.reduce(0, +) ?? 0), clockSynchronized: now.synchronized, sensors: sensors)
    }
}
