import StationCore
import StationSystem

extension Uplink {
    /// CONNACK: publish the retained birth message and the health, then fill
    /// the window (the queue has had everything back since the last drop).
    func linkUp() {
        guard let client = client.withLock({ $0 }) else { return }
        delivery.withLock { s in
            s.linkUp = true
            s.statistics.connected = true
            s.batchAcknowledgedSinceConnect = false
            let birth = Payloads.online(station: options.stationID, presence: presence, nowNanos: MonotonicClock.wallNanos())
            if let mid = try? client.publish(MQTTMessage(topic: topics.status, payload: birth, qos: 1, retain: true)) {
                s.window.insert(mid: mid, .init(handles: [], isLive: false, sentNanos: MonotonicClock.nowNanos()))
            }
            s.nextHealthNanos = 0
        }
        publishHealthIfDue()
        pump()
    }

    /// The link dropped (or we closed it): what was confirmed is
    /// acknowledged, everything else leased goes back to the queue.
    func linkDown(_ failure: ConnectionFailure?) {
        delivery.withLock { s in
            s.linkUp = false
            s.statistics.connected = false
            // An MQTT 3.1.1 broker cannot announce its packet size limit: it
            // drops the link on a batch too large. If the link dropped with
            // batches in flight and none acknowledged since connecting,
            // suspect their size and try smaller ones, rather than resending
            // the same batch into the same wall forever.
            if failure != nil, !s.batchAcknowledgedSinceConnect, s.window.batchCount > 0, s.batchByteLimit > 1024 {
                s.batchByteLimit = max(1024, s.batchByteLimit / 2)
                logger.warning("the link dropped with backlog batches in flight and none acknowledged since connecting; trying batches of at most \(s.batchByteLimit) bytes (if the broker limits packet size, lower mqtt.batch_max_bytes)")
            }
        }
        flushConfirmed()
        returnLeases()
    }

    /// The retained health message: every `healthInterval`, and within
    /// `healthCheckNanos` of a change in what it says about the clock or a
    /// sensor (a station that just started says "not started" at first; the
    /// platform should not wait a whole interval to see its sensors come up).
    func publishHealthIfDue() {
        guard let client = client.withLock({ $0 }) else { return }
        let now = MonotonicClock.nowNanos()
        let (periodic, look) = delivery.withLock { s -> (Bool, Bool) in
            guard s.linkUp, !s.stopping, s.window.room > 0 else { return (false, false) }
            return (now >= s.nextHealthNanos, now >= s.nextHealthCheckNanos)
        }
        guard periodic || look else { return }
        // The closure may take the daemon's locks: call it outside ours.
        let report = health()
        let stats = statistics
        delivery.withLock { s in
            s.nextHealthCheckNanos = now + Self.healthCheckNanos
            guard s.linkUp, s.window.room > 0, periodic || s.publishedHealthCondition != report.condition else { return }
            let payload = Payloads.health(station: options.stationID, health: report, uplink: stats, nowNanos: MonotonicClock.wallNanos())
            if let mid = try? client.publish(MQTTMessage(topic: topics.health, payload: payload, qos: 1, retain: true)) {
                s.window.insert(mid: mid, .init(handles: [], isLive: false, sentNanos: now))
                s.nextHealthNanos = now + options.healthInterval.wholeNanoseconds
                s.publishedHealthCondition = report.condition
            }
        }
    }

    /// How often the health is looked at for a change.
    static let healthCheckNanos: UInt64 = 2_000_000_000
}

extension UplinkHealth {
    /// What a change of deserves a message at once: the clock's trust and
    /// each sensor's health (not the queue depth, which changes all the time).
    var condition: [String] {
        ["clock:\(clockSynchronized)"] + sensors.map { "\($0.name):\($0.healthy)" }
    }
}
