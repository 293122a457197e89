import CMosquitto
import StationSystem

#if canImport(Glibc)
import Glibc
#endif

// libmosquitto's callbacks are C function pointers; each finds its client
// through the userdata pointer (unretained: the client outlives its handle,
// which it destroys in deinit). They run on the network thread.

private func client(_ userdata: UnsafeMutableRawPointer?) -> MosquittoClient? {
    guard let userdata else { return nil }
    return Unmanaged<MosquittoClient>.fromOpaque(userdata).takeUnretainedValue()
}

let mosquittoOnConnect: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32, Int32) -> Void = {
    _, userdata, rc, flags in
    client(userdata)?.didConnect(rc: rc, flags: flags)
}

let mosquittoOnDisconnect: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32) -> Void = {
    _, userdata, rc in
    client(userdata)?.linkLost(rc: rc)
}

let mosquittoOnPublish: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32) -> Void = {
    _, userdata, mid in
    client(userdata)?.events.published(mid)
}

let mosquittoOnMessage: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UnsafePointer<mosquitto_message>?) -> Void = {
    _, userdata, message in
    guard let client = client(userdata), let message else { return }
    let m = message.pointee
    let payload: [UInt8]
    if let bytes = m.payload, m.payloadlen > 0 {
        payload = Array(UnsafeRawBufferPointer(start: bytes, count: Int(m.payloadlen)))
    } else {
        payload = []
    }
    client.events.message(
        MQTTMessage(topic: m.topic.map { String(cString: $0) } ?? "", payload: payload, qos: m.qos, retain: m.retain))
}

let mosquittoOnLog: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?) -> Void = {
    _, userdata, level, text in
    guard let client = client(userdata), let text else { return }
    client.didLog(level: level, text: text)
}

extension MosquittoClient {
    func didConnect(rc: Int32, flags: Int32) {
        if rc != 0 {
            let refusal = MosquittoCodes.refusal(
                code: rc, v5: options.protocolVersion == .v5, host: options.host, port: options.port)
            state.withLock { $0.pendingFailure = refusal }
            return
        }
        let recovered: Int = state.withLock { s in
            s.phase = .up
            s.attempt = 0
            s.statistics.connects += 1
            s.lastReported = nil
            defer { s.failuresSinceUp = 0 }
            return s.failuresSinceUp
        }
        lastInboundNanos.store(MonotonicClock.nowNanos(), ordering: .relaxed)
        let session = flags & 1 == 1 ? "session resumed" : "new session"
        if recovered > 0 {
            logger.info("connected to \(options.host):\(options.port) after \(recovered) failed attempt(s) (\(session))")
        } else {
            logger.info("connected to \(options.host):\(options.port) as \(options.clientID) (\(session))")
        }
        events.connected(flags & 1 == 1)
    }

    func didLog(level: Int32, text: UnsafePointer<CChar>) {
        // Any packet from the broker (PINGRESP has no callback of its own)
        // proves the link alive: libmosquitto logs "Client X received ...".
        if strstr(text, " received ") != nil {
            lastInboundNanos.store(MonotonicClock.nowNanos(), ordering: .relaxed)
            return
        }
        if level == MOSQ_LOG_ERR || level == MOSQ_LOG_WARNING {
            let line = String(cString: text)
            errorLines.withLock { lines in
                lines.append(line)
                if lines.count > 4 { lines.removeFirst() }
            }
            logger.debug("libmosquitto: \(line)")
        }
    }
}
