import CMosquitto
import StationCore
import StationSystem
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One MQTT connection over libmosquitto, with our own network thread and
/// our own reconnect policy.
///
/// libmosquitto's `loop_forever` reconnects on its own, with a fixed policy
/// and the same log line at every failure; here the network thread owns the
/// connection: it probes TCP with a deadline, connects, runs `mosquitto_loop`,
/// detects a silent link, and backs off with jitter (`Backoff`), reporting
/// each distinct failure once.
///
/// Thread model: libmosquitto runs in threaded mode (`mosquitto_threaded_set`),
/// so `publish` and `subscribe` may be called from any thread while the
/// network thread sits in `mosquitto_loop`; they wake it through
/// libmosquitto's internal socket pair; they only touch the handle while the
/// link is up (checked and done under the state lock). The handle is
/// re-initialised before each connect, while the link is down, which drops
/// libmosquitto's own copies of unacknowledged messages: the owner resends
/// from its durable queue instead, so libmosquitto never holds more than the
/// owner handed it.
public final class MosquittoClient: Sendable {
    public let options: MQTTConnectOptions
    let events: MQTTClientEvents
    let logger: Logger
    // The handle never changes (re-initialised in place). The network thread
    // uses it freely; other threads only under `state` while the phase is `.up`.
    nonisolated(unsafe) let handle: OpaquePointer
    let state: Mutex<ClientState>
    // The log callback may run while libmosquitto holds its own locks, even on
    // a thread inside `publish` (which holds `state`): it must never take
    // `state`. It only touches these two, which are never held across a call
    // into libmosquitto.
    let lastInboundNanos = Atomic<UInt64>(0)
    let errorLines = Mutex<[String]>([])
    let stopRequested = Atomic<Bool>(false)
    let finished = Atomic<Bool>(false)
    let started = Atomic<Bool>(false)

    /// Creates the client; nothing connects until `start()`.
    public init(options: MQTTConnectOptions, events: MQTTClientEvents, logger: Logger) throws(ConnectionFailure) {
        MosquittoLibrary.initialiseOnce()
        self.options = options
        self.events = events
        self.logger = logger
        self.state = Mutex(ClientState())
        guard let made = mosquitto_new(options.clientID, options.cleanSession, nil) else {
            throw ConnectionFailure(.configuration, "mosquitto_new failed for client id '\(options.clientID)' (out of memory or an empty id with a persistent session)")
        }
        handle = made
        try configure()
    }

    deinit {
        mosquitto_destroy(handle)
    }

    /// Starts the network thread, which connects and keeps reconnecting until `stop()`.
    public func start() throws(SystemError) {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        try OSThread.detach { [self] in
            networkLoop()
            finished.store(true, ordering: .releasing)
        }
    }

    /// The most recent connection failure (kept after a later success, for reports).
    public var lastFailure: ConnectionFailure? {
        state.withLock { $0.lastFailure }
    }

    /// Whether the broker has accepted the connection (CONNACK) and it is not known to be lost.
    public var isConnected: Bool {
        state.withLock { $0.phase == .up }
    }

    /// Counters since creation.
    public var statistics: MQTTClientStatistics {
        state.withLock { $0.statistics }
    }

    /// Hands a message to libmosquitto and returns its message id (the id of
    /// the PUBACK that will confirm a QoS 1 message). Throws when the link is
    /// not up: nothing is queued in libmosquitto's unbounded memory queue.
    @discardableResult
    public func publish(_ message: MQTTMessage) throws(MQTTPublishError) -> Int32 {
        try state.withLock { (s: inout ClientState) throws(MQTTPublishError) -> Int32 in
            guard s.phase == .up else { throw MQTTPublishError.notConnected }
            var mid: Int32 = 0
            let rc = message.payload.withUnsafeBytes { raw in
                mosquitto_publish(
                    handle, &mid, message.topic, Int32(raw.count), raw.baseAddress, message.qos, message.retain)
            }
            guard rc == MOSQ_ERR_SUCCESS.rawValue else {
                throw MQTTPublishError.rejected(String(cString: mosquitto_strerror(rc)))
            }
            s.statistics.published += 1
            return mid
        }
    }

    /// Subscribes to `filter` at `qos` (call it from `events.connected`: a
    /// persistent session keeps it, a new session needs it again).
    public func subscribe(_ filter: String, qos: Int32 = 1) throws(MQTTPublishError) {
        try state.withLock { (s: inout ClientState) throws(MQTTPublishError) in
            guard s.phase == .up else { throw MQTTPublishError.notConnected }
            let rc = mosquitto_subscribe(handle, nil, filter, qos)
            guard rc == MOSQ_ERR_SUCCESS.rawValue else {
                throw MQTTPublishError.rejected(String(cString: mosquitto_strerror(rc)))
            }
        }
    }

    /// Asks the network thread to disconnect cleanly (DISCONNECT, so the
    /// broker does not publish the will) and waits up to `timeout` seconds
    /// for it to end. Returns whether it ended.
    @discardableResult
    public func stop(timeout: Double = 2) -> Bool {
        requestStop()
        guard started.load(ordering: .acquiring) else { return true }
        let deadline = MonotonicClock.nowNanos() + UInt64(timeout * 1e9)
        while !finished.load(ordering: .acquiring) {
            if MonotonicClock.nowNanos() >= deadline { return false }
            usleep(2_000)
        }
        return true
    }

    /// Asks the network thread to stop without waiting (see `stop`).
    public func requestStop() {
        stopRequested.store(true, ordering: .releasing)
    }

    /// Whether the network thread has ended after a stop request.
    public var hasFinished: Bool { finished.load(ordering: .acquiring) }
}

/// Why a publish or subscribe was not accepted.
public enum MQTTPublishError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The link is down; try again after `connected`.
    case notConnected
    /// libmosquitto refused it (payload too large, invalid topic...).
    case rejected(String)

    public var description: String {
        switch self {
        case .notConnected: return "not connected to the broker"
        case .rejected(let why): return "libmosquitto refused the message: \(why)"
        }
    }
}

/// Counters of a client.
public struct MQTTClientStatistics: Sendable, Equatable {
    /// Connections the broker accepted.
    public var connects = 0
    /// Failed attempts and lost links.
    public var failures = 0
    /// Messages handed to libmosquitto.
    public var published = 0
    /// Links dropped because the broker went silent.
    public var silentLinks = 0
}

/// The network thread's view of the connection.
struct ClientState: Sendable {
    enum Phase: Equatable, Sendable {
        case waiting(untilNanos: UInt64)
        case connecting(sinceNanos: UInt64)
        case up
        case stopped
    }

    var phase: Phase = .waiting(untilNanos: 0)
    /// Consecutive failures since the last accepted connection.
    var attempt = 0
    /// A refusing CONNACK or our own verdict (silence, timeout), which is a
    /// better reason than libmosquitto's generic "connection lost" that follows.
    var pendingFailure: ConnectionFailure?
    /// The failure last logged at warning/error level: a repeat is logged at debug.
    var lastReported: String?
    /// The most recent failure, for reports (`stationctl status`, `mqtt test`).
    var lastFailure: ConnectionFailure?
    var failuresSinceUp = 0
    var statistics = MQTTClientStatistics()
}
