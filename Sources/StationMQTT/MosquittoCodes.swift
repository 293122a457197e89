import CMosquitto

#if canImport(Glibc)
import Glibc
#endif

/// Turns libmosquitto's numeric codes into `ConnectionFailure`s.
enum MosquittoCodes {
    /// A `MOSQ_ERR_*` result of `mosquitto_connect` or `mosquitto_loop`.
    /// `detail` carries what the log callback said about it (OpenSSL's text).
    static func failure(rc: Int32, host: String, port: Int, detail: String?) -> ConnectionFailure {
        let text = String(cString: mosquitto_strerror(rc))
        let suffix = detail.map { ": \($0)" } ?? ""
        // A TLS alert often surfaces as a plain "connection lost" (the broker
        // closes after its alert); OpenSSL's lines tell the real story.
        if let detail, detail.contains("SSL routines") || detail.contains("OpenSSL") {
            return ConnectionFailure(.tls, "TLS with \(host):\(port) failed: \(detail)")
        }
        switch rc {
        case Int32(MOSQ_ERR_TLS.rawValue), Int32(MOSQ_ERR_TLS_HANDSHAKE.rawValue), Int32(MOSQ_ERR_OCSP.rawValue):
            return ConnectionFailure(.tls, "TLS with \(host):\(port) failed\(detail.map { ": \($0)" } ?? ": \(text)")")
        case Int32(MOSQ_ERR_AUTH.rawValue):
            return ConnectionFailure(.authentication, "broker \(host):\(port) refused the login: \(text)\(suffix)")
        case Int32(MOSQ_ERR_ERRNO.rawValue):
            let code = errno
            if code == 0 { return ConnectionFailure(.connectionLost, "connection to \(host):\(port) lost\(suffix)") }
            return ConnectionFailure(.network, "connection to \(host):\(port) failed: \(String(cString: strerror(code)))\(suffix)")
        case Int32(MOSQ_ERR_EAI.rawValue), Int32(MOSQ_ERR_LOOKUP.rawValue):
            return ConnectionFailure(.network, "cannot resolve \(host): \(text)\(suffix)")
        case Int32(MOSQ_ERR_KEEPALIVE.rawValue):
            return ConnectionFailure(.silentLink, "broker \(host):\(port) stopped answering (keepalive expired)")
        case Int32(MOSQ_ERR_INVAL.rawValue), Int32(MOSQ_ERR_NOT_SUPPORTED.rawValue):
            return ConnectionFailure(.configuration, "libmosquitto rejected the connection settings: \(text)\(suffix)")
        default:
            return ConnectionFailure(.connectionLost, "connection to \(host):\(port) lost: \(text)\(suffix)")
        }
    }

    /// A refusing CONNACK: MQTT 3.1.1 return codes 1...5, or an MQTT 5 reason code.
    static func refusal(code: Int32, v5: Bool, host: String, port: Int) -> ConnectionFailure {
        let text = String(cString: v5 ? mosquitto_reason_string(code) : mosquitto_connack_string(code))
        let label = "CONNACK \(v5 ? "reason" : "code") \(code)"
        let authentication: Bool
        if v5 {
            // 0x86 bad user name or password, 0x87 not authorized, 0x85 client id not valid, 0x8C bad auth method.
            authentication = [0x85, 0x86, 0x87, 0x8A, 0x8C].contains(code)
        } else {
            // 2 identifier rejected, 4 bad user name or password, 5 not authorized.
            authentication = [2, 4, 5].contains(code)
        }
        let hint = authentication ? "; check credentials_file and client_id" : ""
        return ConnectionFailure(
            authentication ? .authentication : .connectionLost,
            "broker \(host):\(port) refused the connection: \(text) (\(label))\(hint)")
    }
}
