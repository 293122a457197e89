import StationCore
import StationSystem

extension Uplink {
    /// Fills the in-flight window: live readings first, one per message;
    /// then backlog batches within the rate cap and the backlog's share of
    /// the window. Runs under the delivery lock, so leases, message ids and
    /// the window stay consistent with the PUBACK and disconnect callbacks.
    func pump() {
        guard let client = client.withLock({ $0 }) else { return }
        delivery.withLock { s in
            guard s.linkUp, !s.stopping else { return }
            do {
                try sendLive(&s, client)
                try sendBacklog(&s, client)
                s.lastQueueError = nil
            } catch let error as MQTTPublishError {
                // The link is dropping: linkDown returns every lease.
                logger.debug("publish stopped: \(error)")
            } catch {
                let text = "\(error)"
                if s.lastQueueError != text {
                    logger.error("the queue failed to lease readings: \(text)")
                    s.lastQueueError = text
                }
            }
        }
    }

    private func sendLive(_ s: inout DeliveryState, _ client: MosquittoClient) throws {
        while s.window.room > 0 {
            let readings = try queue.leaseLive(max: s.window.room)
            if readings.isEmpty { return }
            for item in readings {
                let message = MQTTMessage(
                    topic: topics.reading(sensor: item.reading.sensor, quantity: item.reading.quantity),
                    payload: Payloads.reading(item), qos: 1, retain: false)
                let mid: Int32
                do {
                    mid = try client.publish(message)
                } catch .rejected(let why) {
                    // Cannot happen with a sanitised topic; if it does, the
                    // reading still goes out, in a batch on the fixed backlog topic.
                    logger.warning("live reading \(item.id) refused (\(why)); sending it with the backlog")
                    s.carry.append(item)
                    continue
                }
                s.window.insert(mid: mid, .init(handles: [item.handle], isLive: true, sentNanos: MonotonicClock.nowNanos()))
                s.statistics.readingsSent += 1
                s.statistics.liveSent += 1
            }
        }
    }

    private func sendBacklog(_ s: inout DeliveryState, _ client: MosquittoClient) throws {
        let slots = options.backlogWindow
        while s.window.count < slots {
            let tokens = s.limiter.available(nowNanos: MonotonicClock.nowNanos())
            let want = min(options.batchMaxReadings, tokens)
            if want <= 0 { return }
            var items = s.carry.count > want ? Array(s.carry.prefix(want)) : s.carry
            s.carry.removeFirst(items.count)
            if items.count < want {
                items += try queue.leaseBacklog(max: want - items.count)
            }
            if items.isEmpty { return }
            let (payload, count) = Payloads.batch(items[...], station: options.stationID, maxBytes: s.batchByteLimit)
            s.carry.insert(contentsOf: items[count...], at: 0)
            let mid: Int32
            do {
                mid = try client.publish(MQTTMessage(topic: topics.backlog, payload: payload, qos: 1, retain: false))
            } catch {
                s.carry.insert(contentsOf: items[..<count], at: 0)
                if case .rejected(let why) = error, count > 1 {
                    // Typically an MQTT 5 broker's Maximum Packet Size below
                    // batch_max_bytes: halve the batches until they fit,
                    // rather than offering the same refused batch forever.
                    s.batchByteLimit = max(1024, payload.count / 2)
                    logger.warning("a \(payload.count)-byte backlog batch was refused (\(why)); batches now at most \(s.batchByteLimit) bytes: lower mqtt.batch_max_bytes")
                    continue
                }
                throw error
            }
            s.window.insert(mid: mid, .init(handles: items[..<count].map(\.handle), isLive: false, sentNanos: MonotonicClock.nowNanos()))
            s.limiter.consume(count)
            s.statistics.readingsSent += count
            s.statistics.backlogSent += count
            s.statistics.batchesSent += 1
        }
    }

    /// A PUBACK: the readings of that message are delivered.
    func acknowledged(mid: Int32) {
        let flushNow = delivery.withLock { s -> Bool in
            guard let flight = s.window.acknowledge(mid: mid) else { return false }
            if s.offlineMid == mid { s.offlineMid = nil }
            if !flight.isLive && !flight.handles.isEmpty { s.batchAcknowledgedSinceConnect = true }
            s.confirmed += flight.handles
            // Bounds confirmed-but-unacknowledged leases by the window even
            // when one loop turn reads many PUBACKs.
            return s.confirmed.count >= options.inFlightWindow
        }
        if flushNow { flushConfirmed() }
        pump()
    }

    /// After every network loop turn: hand confirmed readings to the queue
    /// in one call (the store commits them as a group), refill the window
    /// (the backlog cap's tokens grow with time), refresh the health message.
    func tick() {
        flushConfirmed()
        pump()
        publishHealthIfDue()
    }

    func flushConfirmed() {
        delivery.withLock { s in
            guard !s.confirmed.isEmpty else { return }
            do {
                try queue.acknowledge(s.confirmed)
                s.statistics.readingsAcknowledged += s.confirmed.count
                s.confirmed.removeAll(keepingCapacity: true)
            } catch {
                // Kept for the next tick; if it never works the leases come back
                // on disconnect and are resent: a duplicate, not a loss.
                logger.error("the queue failed to acknowledge \(s.confirmed.count) readings: \(error)")
            }
        }
    }

    func returnLeases() {
        delivery.withLock { s in
            let returned = s.window.removeAll() + s.carry.count
            s.carry = []
            do {
                try queue.returnLeases()
                s.statistics.leasesReturned += returned
            } catch {
                logger.error("the queue failed to take back \(returned) leased readings: \(error)")
            }
        }
    }
}
