/// The effective configuration as TOML, every default written out, for
/// `stationctl config show`. The schema keeps no secret values inline
/// (credentials and keys live in files, named here by path), so nothing
/// needs redacting.
public enum ConfigRenderer {
    public static func toml(_ c: StationConfiguration) -> String {
        var out: [String] = []
        func line(_ key: String, _ value: String?) { if let value { out.append("\(key) = \(value)") } }
        func q(_ s: String?) -> String? { s.map(quoted) }
        func d(_ x: Duration?) -> String? { x.map { quoted(Quantities.format($0)) } }

        line("board", q(c.board))
        line("data_dir", q(c.dataDirectory))
        line("log_level", q(c.logLevel.description))
        out += ["", "[station]"]
        line("id", q(c.station.id))
        line("name", q(c.station.name))
        if let l = c.station.location {
            var parts = ["latitude = \(l.latitude)", "longitude = \(l.longitude)"]
            if let text = l.description { parts.append("description = \(quoted(text))") }
            line("location", "{ " + parts.joined(separator: ", ") + " }")
        }
        out += ["", "[mqtt]"]
        line("host", q(c.mqtt.host))
        line("port", String(c.mqtt.port))
        line("client_id", q(c.mqtt.clientID))
        line("topic_prefix", q(c.mqtt.topicPrefix))
        line("keepalive", d(c.mqtt.keepalive))
        line("protocol", q(c.mqtt.protocolVersion.rawValue))
        line("credentials_file", q(c.mqtt.credentialsFile))
        line("in_flight", String(c.mqtt.inFlight))
        line("batch_max_readings", String(c.mqtt.batchMaxReadings))
        line("batch_max_bytes", String(c.mqtt.batchMaxBytes))
        line("backlog_rate", String(c.mqtt.backlogRate))
        line("health_interval", d(c.mqtt.healthInterval))
        line("reconnect_max_delay", d(c.mqtt.reconnectMaxDelay))
        line("connect_timeout", d(c.mqtt.connectTimeout))
        if let tls = c.mqtt.tls {
            out += ["", "[mqtt.tls]"]
            line("ca_file", q(tls.caFile))
            line("cert_file", q(tls.certFile))
            line("key_file", q(tls.keyFile))
            line("verify_server", tls.verifyServer ? "true" : "false")
        }
        out += ["", "[store]"]
        line("max_bytes", String(c.store.maxBytes))
        line("max_age", d(c.store.maxAge))
        switch c.store.sync {
        case .always: line("sync", q("always"))
        case .os: line("sync", q("os"))
        case .interval(let i): line("sync", d(i))
        }
        line("commit_interval", d(c.store.commitInterval))
        for s in c.sensors {
            out += ["", "[[sensor]]"]
            line("name", q(s.name))
            line("model", q(s.model.rawValue))
            line("port", q(s.port))
            line("baud", s.baud.map(String.init))
            line("chip", q(s.chip))
            line("line", s.line.map(String.init))
            if s.model.isSerial { line("interval", d(s.interval)) }
            line("group", q(s.group))
            if s.simulate { line("simulate", "true") }
            line("mode", q(s.mode))
            line("duty_cycle", q(s.dutyCycle))
            line("warm_up", d(s.warmUp))
            line("preheat", d(s.preheat))
            line("active_low", s.activeLow.map { $0 ? "true" : "false" })
            line("bias", q(s.bias))
            line("debounce", d(s.debounce))
            line("kind", q(s.kind))
            line("stuck_after", d(s.stuckAfter))
        }
        out += ["", "[display]"]
        line("driver", q(c.display.driver.rawValue))
        line("device", q(c.display.device))
        line("bus", c.display.bus.map(String.init))
        line("address", c.display.address.map { "0x" + String($0, radix: 16, uppercase: true) })
        line("language", q(c.display.language))
        line("min_interval", d(c.display.minInterval))
        line("shift_interval", d(c.display.shiftInterval))
        out += ["", "[control]"]
        line("socket", q(c.control.socket))
        line("group", q(c.control.group))
        return out.joined(separator: "\n") + "\n"
    }

    /// A TOML basic string.
    static func quoted(_ s: String) -> String {
        var r = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\t": r += "\\t"
            case "\r": r += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    r += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    r.unicodeScalars.append(scalar)
                }
            }
        }
        return r + "\""
    }
}
