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

    func publishHealthIfDue() {
        guard let client = client.withLock({ $0 }) else { return }
        let now = MonotonicClock.nowNanos()
        let due = delivery.withLock { s in s.linkUp && !s.stopping && now >= s.nextHealthNanos && s.window.room > 0 }
        guard due else { return }
        // The closure may take the daemon's locks: call it outside ours.
        let report = health()
        let stats = statistics
        delivery.withLock { s in
            guard s.linkUp, s.window.room > 0 else { return }
            let payload = Payloads.health(station: options.stationID, health: report, uplink: stats, nowNanos: MonotonicClock.wallNanos())
            if let mid = try? client.publish(MQTTMessage(topic: topics.health, payload: payload, qos: 1, retain: true)) {
                s.window.insert(mid: mid, .init(handles: [], isLive: false, sentNanos: now))
                s.nextHealthNanos = now + options.healthInterval.wholeNanoseconds
            }
        }
    }
}
