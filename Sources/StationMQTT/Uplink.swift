import StationCore
import StationSystem
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The MQTT uplink service: takes readings from an `UplinkQueue`, publishes
/// them at QoS 1 to the city platform, and acknowledges each one to the
/// queue only after the broker's PUBACK.
///
/// Use: `init` with the options, the queue, the presence facts and a health
/// closure; `prepare()` (validates, reads the credentials file, sets up
/// libmosquitto: throws `UplinkError` on a bad setting); `run()` (connects
/// and keeps the link until the task is cancelled, then says `offline` and
/// disconnects). Call `readingsAvailable()` after appending to the queue for
/// the lowest latency; without it new readings are still picked up within 100 ms.
///
/// Guarantees: at least once, per reading id. Never more than
/// `inFlightWindow` messages are handed to libmosquitto (its own queue is in
/// memory and unbounded); when the link drops, every unacknowledged lease
/// goes back to the queue and is sent again after reconnecting.
public final class Uplink: Sendable {
    /// The service name in logs.
    public let name = "uplink"
    public let options: UplinkOptions
    public let topics: UplinkTopics
    let queue: any UplinkQueue
    let presence: Presence
    let health: @Sendable () -> UplinkHealth
    let logger: Logger
    let client = Mutex<MosquittoClient?>(nil)
    let delivery: Mutex<DeliveryState>

    /// - Parameters:
    ///   - health: called on the network thread every `healthInterval` while
    ///     connected; must be quick (read counters, do not query slowly).
    public init(
        options: UplinkOptions, queue: any UplinkQueue, presence: Presence,
        logger: Logger, health: @escaping @Sendable () -> UplinkHealth = { UplinkHealth() }
    ) {
        self.options = options
        self.topics = UplinkTopics(prefix: options.topicPrefix, stationID: options.stationID)
        self.queue = queue
        self.presence = presence
        self.health = health
        self.logger = logger
        let burst = min(options.batchMaxReadings, max(1, options.backlogRate))
        delivery = Mutex(DeliveryState(
            window: InFlightWindow(capacity: options.inFlightWindow),
            limiter: RateLimiter(perSecond: options.backlogRate, burst: burst, nowNanos: MonotonicClock.nowNanos()),
            batchByteLimit: options.batchMaxBytes))
    }

    /// Validates the options, reads the credentials file and prepares the
    /// libmosquitto client. Throws `UplinkError` naming the setting or file.
    public func prepare() async throws {
        try prepareClient()
    }

    /// The synchronous body of `prepare()`.
    public func prepareClient() throws(UplinkError) {
        try options.validate()
        if options.tls?.verifyServer == false {
            logger.warning("TLS server verification is off: anyone on the path can pose as the broker")
        }
        let will = MQTTMessage(topic: topics.status, payload: Payloads.offline(station: options.stationID, nowNanos: nil), qos: 1, retain: true)
        let connect = try options.connectOptions(will: will)
        let events = MQTTClientEvents(
            connected: { [weak self] _ in self?.linkUp() },
            disconnected: { [weak self] failure in self?.linkDown(failure) },
            published: { [weak self] mid in self?.acknowledged(mid: mid) },
            tick: { [weak self] in self?.tick() })
        let made: MosquittoClient
        do {
            made = try MosquittoClient(options: connect, events: events, logger: logger)
        } catch {
            throw UplinkError.client(error)
        }
        client.withLock { $0 = made }
    }

    /// Connects and keeps the link until the task is cancelled; then
    /// publishes the retained `offline` status, waits briefly for its PUBACK
    /// and disconnects. Unacknowledged leases go back to the queue.
    public func run() async throws {
        if client.withLock({ $0 }) == nil { try prepareClient() }
        guard let client = client.withLock({ $0 }) else { return }
        try client.start()
        await waitForCancellation()
        await shutdown(client)
    }

    /// Tells the uplink that the queue has new readings: publishes them now
    /// if the window has room (on the caller's thread).
    public func readingsAvailable() {
        pump()
    }

    /// Counters since start.
    public var statistics: UplinkStatistics {
        var stats = delivery.withLock { s in
            var copy = s.statistics
            copy.inFlight = s.window.count
            copy.connected = s.linkUp
            return copy
        }
        if let client = client.withLock({ $0 }) {
            let c = client.statistics
            stats.connects = c.connects
            stats.failures = c.failures
            stats.silentLinks = c.silentLinks
        }
        return stats
    }

    /// Whether the broker has accepted the connection and it is up.
    /// The most recent connection failure, in words (nil if none yet).
    public var lastFailure: String? {
        client.withLock { $0 }?.lastFailure?.reason
    }

    public var isConnected: Bool { delivery.withLock { $0.linkUp } }

    /// Suspends until the task is cancelled, without waking up meanwhile
    /// (the network thread does the work; this task only waits to stop it).
    private func waitForCancellation() async {
        let gate = CancellationGate()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                gate.park(continuation)
            }
        } onCancel: {
            gate.open()
        }
    }

    private func shutdown(_ client: MosquittoClient) async {
        let offlineMid: Int32? = delivery.withLock { s in
            s.stopping = true
            guard s.linkUp else { return nil }
            let payload = Payloads.offline(station: options.stationID, nowNanos: MonotonicClock.wallNanos())
            guard let mid = try? client.publish(MQTTMessage(topic: topics.status, payload: payload, qos: 1, retain: true)) else {
                return nil
            }
            s.window.insert(mid: mid, .init(handles: [], isLive: false, sentNanos: MonotonicClock.nowNanos()))
            s.offlineMid = mid
            return mid
        }
        // The task is cancelled, so Task.sleep would return at once: wait on
        // a thread of our own instead, bounded (1 s for the PUBACK, 3 s for the thread).
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let waited: ()? = try? OSThread.detach { [self] in
                if offlineMid != nil {
                    let deadline = MonotonicClock.nowNanos() + 1_000_000_000
                    while delivery.withLock({ $0.offlineMid != nil && $0.linkUp }) && MonotonicClock.nowNanos() < deadline {
                        usleep(2_000)
                    }
                }
                if !client.stop(timeout: 3) { logger.warning("the MQTT network thread did not stop within 3 s") }
                done.resume()
            }
            if waited == nil {
                client.requestStop()
                done.resume()
            }
        }
        // A link that never came up still has nothing leased; one that did is
        // handled by linkDown. Either way nothing stays leased.
        returnLeases()
        logger.info("uplink stopped: \(statistics.readingsAcknowledged) readings acknowledged")
    }
}

/// The delivery bookkeeping, behind `Uplink.delivery`.
struct DeliveryState: Sendable {
    var window: InFlightWindow
    var limiter: RateLimiter
    var linkUp = false
    var stopping = false
    /// Backlog readings leased but not yet sent (a batch reached its byte limit).
    var carry: [OutgoingReading] = []
    /// `batch_max_bytes`, lowered if the broker refuses batches that large.
    var batchByteLimit: Int
    /// Whether a batch got its PUBACK on the current connection.
    var batchAcknowledgedSinceConnect = false
    /// Handles confirmed by PUBACK, acknowledged to the queue at the next tick.
    var confirmed: [UInt64] = []
    var nextHealthNanos: UInt64 = 0
    /// When the health is next looked at for a change, and what the last
    /// published message said (`UplinkHealth.condition`).
    var nextHealthCheckNanos: UInt64 = 0
    var publishedHealthCondition: [String]?
    var offlineMid: Int32?
    /// The last queue failure logged, so a broken store is not logged at every tick.
    var lastQueueError: String?
    var statistics = UplinkStatistics()
}

/// A continuation resumed exactly once: by `open()`, or at once if `open()` came first.
final class CancellationGate: Sendable {
    private let state = Mutex<(opened: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    func park(_ continuation: CheckedContinuation<Void, Never>) {
        let resumeNow = state.withLock { s -> Bool in
            if s.opened { return true }
            s.waiter = continuation
            return false
        }
        if resumeNow { continuation.resume() }
    }

    func open() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.opened = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }
}
