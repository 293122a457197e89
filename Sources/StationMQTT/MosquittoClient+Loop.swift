import CMosquitto
import StationSystem

#if canImport(Glibc)
import Glibc
#endif

extension MosquittoClient {
    private enum Step {
        case sleep(UInt64)
        case attempt
        case loop
        case drop(ConnectionFailure)
    }

    /// The network thread: connect, loop, detect silence, back off; until stopped.
    func networkLoop() {
        while !stopRequested.load(ordering: .acquiring) {
            switch nextStep() {
            case .sleep(let nanos):
                // Short naps so a stop request is seen within 20 ms.
                usleep(UInt32(min(nanos, 20_000_000) / 1000))
            case .attempt:
                attemptConnect()
            case .loop:
                let rc = mosquitto_loop(handle, 100, 1)
                if rc != MOSQ_ERR_SUCCESS.rawValue { linkLost(rc: rc) }
                events.tick()
            case .drop(let failure):
                // shutdown() makes libmosquitto's next read see the end of the
                // stream, so it closes the socket and calls on_disconnect; the
                // pending failure then names the real reason.
                state.withLock { s in
                    s.pendingFailure = failure
                    if failure.kind == .silentLink { s.statistics.silentLinks += 1 }
                }
                let fd = mosquitto_socket(handle)
                if fd >= 0 { TCPSocket.shutdownBoth(fd) } else { linkLost(rc: Int32(MOSQ_ERR_NO_CONN.rawValue)) }
                let rc = mosquitto_loop(handle, 100, 1)
                if rc != MOSQ_ERR_SUCCESS.rawValue { linkLost(rc: rc) }
            }
        }
        disconnectCleanly()
    }

    private func nextStep() -> Step {
        let now = MonotonicClock.nowNanos()
        let lastInbound = lastInboundNanos.load(ordering: .relaxed)
        return state.withLock { s -> Step in
            switch s.phase {
            case .waiting(let until):
                return now >= until ? .attempt : .sleep(until - now)
            case .connecting(let since):
                if s.pendingFailure == nil, now - since > options.connectTimeout.wholeNanoseconds {
                    return .drop(ConnectionFailure(
                        .network, "broker \(options.host):\(options.port) accepted TCP but sent no CONNACK within \(options.connectTimeout)"))
                }
                return .loop
            case .up:
                let silent = now &- lastInbound
                if s.pendingFailure == nil, lastInbound < now, silent > options.silenceLimit.wholeNanoseconds {
                    return .drop(ConnectionFailure(
                        .silentLink,
                        "nothing from broker \(options.host):\(options.port) for \(Double(silent / 1_000_000) / 1000) s (keepalive \(options.keepaliveSeconds) s): link presumed dead"))
                }
                return .loop
            case .stopped:
                return .sleep(20_000_000)
            }
        }
    }

    private func attemptConnect() {
        do throws(ConnectionFailure) {
            do {
                try TCPSocket.probe(
                    host: options.host, port: options.port, timeout: Double(options.connectTimeout.wholeNanoseconds) / 1e9)
            } catch {
                throw ConnectionFailure(.network, "cannot reach broker \(options.host):\(options.port): \(error.reason)")
            }
            errorLines.withLock { $0 = [] }
            state.withLock { $0.pendingFailure = nil }
            // Not under `state`: name resolution inside mosquitto_connect can
            // take seconds, and `publish` must not wait for it. Nothing else
            // touches the handle now: `publish`/`subscribe` only do while the
            // phase is `.up`, and it is `.waiting` here.
            try reinitialise()
            let rc = mosquitto_connect(handle, options.host, Int32(options.port), Int32(options.keepaliveSeconds))
            if rc == MOSQ_ERR_SUCCESS.rawValue {
                let now = MonotonicClock.nowNanos()
                lastInboundNanos.store(now, ordering: .relaxed)
                state.withLock { $0.phase = .connecting(sinceNanos: now) }
            }
            guard rc == MOSQ_ERR_SUCCESS.rawValue else {
                throw MosquittoCodes.failure(
                    rc: rc, host: options.host, port: options.port, detail: Self.explain(errorLines.withLock { $0 }))
            }
        } catch {
            failed(error, wasUp: false)
        }
    }

    /// The link ended (libmosquitto's on_disconnect, or a failing loop turn):
    /// decide why, schedule the next attempt, tell the owner. Idempotent.
    func linkLost(rc: Int32) {
        let lines = errorLines.withLock { $0 }
        let outcome: (failure: ConnectionFailure?, wasUp: Bool)? = state.withLock { s in
            let wasUp: Bool
            switch s.phase {
            case .up: wasUp = true
            case .connecting: wasUp = false
            case .waiting, .stopped: return nil
            }
            let failure: ConnectionFailure?
            if let pending = s.pendingFailure {
                failure = pending
            } else if rc == 0 || stopRequested.load(ordering: .acquiring) {
                failure = nil
            } else {
                failure = MosquittoCodes.failure(
                    rc: rc, host: options.host, port: options.port, detail: Self.explain(lines))
            }
            s.pendingFailure = nil
            s.phase = .waiting(untilNanos: 0)
            return (failure, wasUp)
        }
        guard let outcome else { return }
        if let failure = outcome.failure {
            failed(failure, wasUp: outcome.wasUp)
        } else {
            state.withLock { $0.phase = .waiting(untilNanos: MonotonicClock.nowNanos()) }
        }
        if outcome.wasUp { events.disconnected(outcome.failure) }
    }

    /// Schedules the next attempt after a failure and reports it once.
    private func failed(_ failure: ConnectionFailure, wasUp: Bool) {
        let (delay, repeated, attempt): (Duration, Bool, Int) = state.withLock { s in
            let delay = options.backoff.delay(attempt: s.attempt)
            s.attempt += 1
            s.failuresSinceUp += 1
            s.statistics.failures += 1
            s.phase = .waiting(untilNanos: MonotonicClock.nowNanos() + delay.wholeNanoseconds)
            let repeated = s.lastReported == failure.reason
            s.lastReported = failure.reason
            s.lastFailure = failure
            return (delay, repeated, s.attempt)
        }
        let line = "\(failure.reason); retrying in \(Self.seconds(delay)) s (attempt \(attempt))"
        if repeated {
            logger.debug(line)
        } else if failure.needsAttention {
            logger.error(line + "; repeats of this failure are logged at debug level")
        } else {
            logger.warning(line)
        }
    }

    /// Sends DISCONNECT (so the broker drops the will) and lets libmosquitto
    /// flush it, for at most a second.
    private func disconnectCleanly() {
        let wasConnected = state.withLock { s -> Bool in
            if case .waiting = s.phase { return false }
            return s.phase != .stopped
        }
        if wasConnected {
            _ = mosquitto_disconnect(handle)
            let deadline = MonotonicClock.nowNanos() + 1_000_000_000
            while MonotonicClock.nowNanos() < deadline {
                let rc = mosquitto_loop(handle, 50, 1)
                if rc != MOSQ_ERR_SUCCESS.rawValue { break }
            }
            linkLost(rc: 0)
        }
        state.withLock { $0.phase = .stopped }
    }

    /// OpenSSL's lines, with a plain-words prefix for the usual causes.
    static func explain(_ lines: [String]) -> String? {
        guard !lines.isEmpty else { return nil }
        let joined = lines.joined(separator: "; ")
        if joined.contains("certificate verify failed") {
            return "the broker's certificate does not verify against the configured CA (ca_file), or it has expired (\(joined))"
        }
        if joined.contains("alert") || joined.contains("certificate required") {
            return "the broker rejected our TLS handshake, e.g. a missing or untrusted client certificate (\(joined))"
        }
        return joined
    }

    static func seconds(_ duration: Duration) -> String {
        let millis = duration.wholeNanoseconds / 1_000_000
        return "\(millis / 1000).\(String(millis % 1000 / 100))"
    }
}
