import CMosquitto
import StationSystem

extension MosquittoClient {
    /// Sets every option on the handle: callbacks, protocol, TLS, login, will.
    /// Runs at creation and after each `mosquitto_reinitialise`, which resets them all.
    func configure() throws(ConnectionFailure) {
        let userdata = Unmanaged.passUnretained(self).toOpaque()
        mosquitto_user_data_set(handle, userdata)
        _ = mosquitto_threaded_set(handle, true)
        mosquitto_connect_with_flags_callback_set(handle, mosquittoOnConnect)
        mosquitto_disconnect_callback_set(handle, mosquittoOnDisconnect)
        mosquitto_publish_callback_set(handle, mosquittoOnPublish)
        mosquitto_message_callback_set(handle, mosquittoOnMessage)
        mosquitto_log_callback_set(handle, mosquittoOnLog)
        // The owner limits what is in flight; libmosquitto must not queue behind its own limit.
        _ = mosquitto_max_inflight_messages_set(handle, 0)
        _ = mosquitto_int_option(handle, MOSQ_OPT_TCP_NODELAY, 1)
        let version = options.protocolVersion == .v5 ? MQTT_PROTOCOL_V5 : MQTT_PROTOCOL_V311
        try check(mosquitto_int_option(handle, MOSQ_OPT_PROTOCOL_VERSION, version), "protocol version")

        if let tls = options.tls {
            try configureTLS(tls)
        }
        if let username = options.username {
            try check(mosquitto_username_pw_set(handle, username, options.password), "user name and password")
        }
        if let will = options.will {
            let rc = will.payload.withUnsafeBytes { raw in
                mosquitto_will_set(handle, will.topic, Int32(raw.count), raw.baseAddress, will.qos, will.retain)
            }
            try check(rc, "last will on \(will.topic)")
        }
    }

    private func configureTLS(_ tls: MQTTTLSOptions) throws(ConnectionFailure) {
        for (label, path) in [("ca_file", tls.caFile), ("cert_file", tls.certFile), ("key_file", tls.keyFile)] {
            if let path, let problem = FileSystem.readProblem(path) {
                throw ConnectionFailure(.configuration, "TLS \(label) \(path) cannot be read: \(problem.reason)")
            }
        }
        if (tls.certFile == nil) != (tls.keyFile == nil) {
            throw ConnectionFailure(.configuration, "mutual TLS needs both cert_file and key_file")
        }
        // Without a CA file, trust the distribution's CA store.
        let caPath: String? = tls.caFile == nil ? "/etc/ssl/certs" : nil
        let rc = mosquitto_tls_set(handle, tls.caFile, caPath, tls.certFile, tls.keyFile, nil)
        if rc != MOSQ_ERR_SUCCESS.rawValue {
            throw ConnectionFailure(
                .configuration,
                "TLS files rejected (ca_file \(tls.caFile ?? "system"), cert_file \(tls.certFile ?? "none"), key_file \(tls.keyFile ?? "none")): \(String(cString: mosquitto_strerror(rc))); check that each is PEM and that the key matches the certificate")
        }
        // 1 = SSL_VERIFY_PEER: the chain must lead to the CA.
        try check(mosquitto_tls_opts_set(handle, tls.verifyServer ? 1 : 0, nil, nil), "TLS options")
        let skipHostName = !tls.verifyServer || TCPSocket.isLoopback(options.host)
        try check(mosquitto_tls_insecure_set(handle, skipHostName), "TLS host name check")
    }

    private func check(_ rc: Int32, _ what: String) throws(ConnectionFailure) {
        guard rc == MOSQ_ERR_SUCCESS.rawValue else {
            throw ConnectionFailure(.configuration, "libmosquitto rejected the \(what): \(String(cString: mosquitto_strerror(rc)))")
        }
    }

    /// Resets the handle (dropping libmosquitto's queued messages and session
    /// state) and sets every option again. Network thread only, while the
    /// link is down.
    func reinitialise() throws(ConnectionFailure) {
        let rc = mosquitto_reinitialise(handle, options.clientID, options.cleanSession, nil)
        guard rc == MOSQ_ERR_SUCCESS.rawValue else {
            throw ConnectionFailure(.configuration, "mosquitto_reinitialise failed: \(String(cString: mosquitto_strerror(rc)))")
        }
        try configure()
    }
}
