import StationCore
import StationSystem
import TOML

/// The schema: which keys exist, their types, ranges and defaults.
/// docs/configuration.md is the reader's copy of this table.
extension StationConfiguration {
    static let defaultDataDirectory = "/var/lib/stationd"
    static let defaultSocket = "/run/stationd/control.sock"

    /// Reads the whole schema from `root`; returns nil if anything was reported.
    static func decode(_ root: LayeredTable, checkFiles: Bool) -> StationConfiguration? {
        let before = root.diagnostics.items.count
        root.declare(["board"])  // read by the loader before the layers exist
        let board = root.string("board")
        let dataDirectory = root.string("data_dir") ?? defaultDataDirectory
        let logLevel = root.choice("log_level", LogLevel.allCases.map(\.description)).flatMap(LogLevel.init(name:)) ?? .info

        let station = decodeStation(root.table("station"))
        let mqtt = decodeMQTT(root.table("mqtt"), stationID: station?.id, checkFiles: checkFiles)
        let store = decodeStore(root.table("store"))
        let sensors = decodeSensors(root, dataDirectory: dataDirectory)
        let display = decodeDisplay(root.table("display"))
        let control = decodeControl(root.table("control"))
        root.finish()

        guard root.diagnostics.items.count == before, let station, let mqtt, let store, let display, let control
        else { return nil }
        return StationConfiguration(
            board: board, station: station, dataDirectory: dataDirectory, logLevel: logLevel, mqtt: mqtt,
            store: store, sensors: sensors, display: display, control: control)
    }

    /// Names used in topics and ids (station id, sensor names): the rule the
    /// store's reading ids rely on, so a configured name can never break one.
    static func isValidIdentifier(_ text: String) -> Bool {
        ReadingID.isValidStationID(text)
    }

    private static func identifier(_ table: LayeredTable, _ key: String, what: String) -> String? {
        guard let text = table.string(key) else { return nil }
        if isValidIdentifier(text) { return text }
        table.error(at: table.lookup(key)!, key, "'\(text)' is not a valid \(what) (letters, digits, '.', '_', '-'; 1 to 64 characters)")
        return nil
    }

    private static func decodeStation(_ t: LayeredTable) -> Station? {
        let id = identifier(t, "id", what: "station id")
        if id == nil && t.lookup("id") == nil { t.missing("id") }
        let name = t.string("name")
        var location: Location?
        let loc = t.table("location")
        if !loc.layers.isEmpty {
            let latitude = loc.number("latitude", in: -90...90)
            let longitude = loc.number("longitude", in: -180...180)
            if latitude == nil && loc.lookup("latitude") == nil { loc.missing("latitude") }
            if longitude == nil && loc.lookup("longitude") == nil { loc.missing("longitude") }
            let description = loc.string("description")
            loc.finish()
            if let latitude, let longitude {
                location = Location(latitude: latitude, longitude: longitude, description: description)
            }
        }
        t.finish()
        guard let id else { return nil }
        return Station(id: id, name: name ?? id, location: location)
    }

    private static func decodeMQTT(_ t: LayeredTable, stationID: String?, checkFiles: Bool) -> MQTT? {
        let host = t.string("host")
        if host == nil && t.lookup("host") == nil { t.missing("host") }
        if let host, host.isEmpty { t.error(at: t.lookup("host")!, "host", "must not be empty") }
        var port = t.integer("port", in: 1...65535)
        let clientID = t.string("client_id")
        if let clientID, clientID.isEmpty || clientID.utf8.count > 65535 {
            t.error(at: t.lookup("client_id")!, "client_id", "must be 1 to 65535 bytes")
        }
        let prefix = t.string("topic_prefix") ?? "stations"
        if let found = t.lookup("topic_prefix"), !isValidTopicPrefix(prefix) {
            t.error(at: found, "topic_prefix", "'\(prefix)' is not a valid topic prefix (no '+', '#', empty levels, or leading/trailing '/')")
        }
        let keepalive = t.duration("keepalive", in: .seconds(5)...(.seconds(65535))) ?? .seconds(30)
        let version = t.choice("protocol", MQTT.ProtocolVersion.allCases.map(\.rawValue)).flatMap(MQTT.ProtocolVersion.init(rawValue:)) ?? .v311
        let inFlight = t.integer("in_flight", in: 1...65535) ?? 20
        let batchMaxReadings = t.integer("batch_max_readings", in: 1...100_000) ?? 1000
        var batchMaxBytes = 256 * 1024
        if let bytes = t.size("batch_max_bytes", atLeast: 1024) {
            if bytes > 64 << 20 {
                t.error(at: t.lookup("batch_max_bytes")!, "batch_max_bytes", "\(bytes) bytes is too large (at most 64 MiB)")
            } else {
                batchMaxBytes = Int(bytes)
            }
        }
        let backlogRate = t.integer("backlog_rate", in: 0...10_000_000) ?? 5000
        let healthInterval = t.duration("health_interval", in: .seconds(1)...(.seconds(86_400))) ?? .seconds(60)
        let reconnectMaxDelay = t.duration("reconnect_max_delay", in: .milliseconds(100)...(.seconds(600))) ?? .seconds(10)
        let connectTimeout = t.duration("connect_timeout", in: .seconds(1)...(.seconds(300))) ?? .seconds(10)
        let credentials = t.string("credentials_file")
        if let credentials, let found = t.lookup("credentials_file"), checkFiles {
            checkSecretFile(t, found, "credentials_file", credentials)
        }

        var tls: TLS?
        let tlsTable = t.table("tls")
        if !tlsTable.layers.isEmpty {
            let ca = tlsTable.string("ca_file")
            let cert = tlsTable.string("cert_file")
            let key = tlsTable.string("key_file")
            let verifyServer = tlsTable.boolean("verify_server") ?? true
            if (cert == nil) != (key == nil), let found = tlsTable.lookup(cert == nil ? "key_file" : "cert_file") {
                tlsTable.error(at: found, cert == nil ? "key_file" : "cert_file", "cert_file and key_file must be given together")
            }
            if checkFiles {
                for (k, v) in [("ca_file", ca), ("cert_file", cert), ("key_file", key)] {
                    guard let v, let found = tlsTable.lookup(k) else { continue }
                    if let problem = FileSystem.readProblem(v) {
                        tlsTable.error(at: found, k, "cannot read '\(v)': \(problem.reason)")
                    }
                }
                if let key, let found = tlsTable.lookup("key_file") { checkSecretFile(tlsTable, found, "key_file", key) }
            }
            tlsTable.finish()
            tls = TLS(caFile: ca, certFile: cert, keyFile: key, verifyServer: verifyServer)
        }
        if port == nil && t.lookup("port") == nil { port = tls == nil ? 1883 : 8883 }
        t.finish()
        guard let host, let port, let stationID else { return nil }
        return MQTT(
            host: host, port: port, tls: tls, credentialsFile: credentials, clientID: clientID ?? stationID,
            topicPrefix: prefix, keepalive: keepalive, protocolVersion: version, inFlight: inFlight,
            batchMaxReadings: batchMaxReadings, batchMaxBytes: batchMaxBytes, backlogRate: backlogRate,
            healthInterval: healthInterval, reconnectMaxDelay: reconnectMaxDelay, connectTimeout: connectTimeout)
    }

    /// A file holding a secret must be readable by us and not by everyone.
    private static func checkSecretFile(_ t: LayeredTable, _ found: (file: String, entry: TOMLTable.Entry), _ key: String, _ path: String) {
        if let problem = FileSystem.readProblem(path) {
            if key != "key_file" { t.error(at: found, key, "cannot read '\(path)': \(problem.reason)") }
            return
        }
        if let mode = try? FileSystem.permissions(path), mode & 0o004 != 0 {
            t.error(at: found, key, "'\(path)' is readable by everyone (mode 0\(String(mode, radix: 8))); make it 0600 or 0640")
        }
    }

    static func isValidTopicPrefix(_ prefix: String) -> Bool {
        guard !prefix.isEmpty, !prefix.hasPrefix("/"), !prefix.hasSuffix("/") else { return false }
        return !prefix.contains("+") && !prefix.contains("#") && !prefix.contains("//") && !prefix.utf8.contains(0)
    }

    private static func decodeStore(_ t: LayeredTable) -> Store? {
        let maxBytes = t.size("max_bytes", atLeast: 1_048_576) ?? 512 * 1_048_576
        let maxAge = t.duration("max_age", in: .seconds(60)...(.seconds(3650 * 86_400))) ?? .seconds(30 * 86_400)
        let commit = t.duration("commit_interval", in: .milliseconds(4)...(.seconds(10))) ?? .milliseconds(200)
        var sync = Store.Sync.interval(.seconds(1))
        if let text = t.string("sync") {
            switch text {
            case "always": sync = .always
            case "os": sync = .os
            default:
                if let d = Quantities.duration(text), d >= .milliseconds(10), d <= .seconds(3600) {
                    sync = .interval(d)
                } else {
                    t.error(at: t.lookup("sync")!, "sync", "'\(text)' is not 'always', 'os' or an interval from 10ms to 1h such as \"1s\"")
                }
            }
        }
        t.finish()
        return Store(maxBytes: maxBytes, maxAge: maxAge, sync: sync, commitInterval: commit)
    }

    private static func decodeSensors(_ root: LayeredTable, dataDirectory: String) -> [Sensor] {
        var sensors: [Sensor] = []
        var firstByName: [String: (file: String, position: TOMLPosition)] = [:]
        for t in root.arrayOfTables("sensor") {
            let name = identifier(t, "name", what: "sensor name")
            if name == nil && t.lookup("name") == nil { t.missing("name") }
            let modelFound = t.lookup("model")
            let model = t.choice("model", SensorModel.allCases.map(\.rawValue)).flatMap(SensorModel.init(rawValue:))
            if modelFound == nil { t.missing("model") }
            var port = t.string("port")
            let baud = t.integer("baud", in: 1200...1_000_000)
            let chip = t.string("chip")
            let line = t.integer("line", in: 0...4095)
            let interval = t.duration("interval", in: .seconds(1)...(.seconds(86_400))) ?? .seconds(10)
            let group = t.string("group")
            let simulate = t.boolean("simulate") ?? false
            // A real port is a device path. An emulator's may be relative:
            // it is then made inside data_dir, so two simulated stations
            // (two demos) never share a pseudo-terminal.
            if let relative = port, !relative.hasPrefix("/") {
                if simulate {
                    port = dataDirectory + "/" + relative
                } else if let found = t.lookup("port") {
                    t.error(at: found, "port", "must be an absolute device path such as /dev/ttyUSB0 (a relative one is only for simulate = true, inside data_dir)")
                }
            }
            let mode = t.choice("mode", ["query", "active"])
            let dutyCycle = t.choice("duty_cycle", ["auto", "always", "never"])
            let warmUp = t.duration("warm_up", in: .zero...(.seconds(600)))
            let preheat = t.duration("preheat", in: .zero...(.seconds(600)))
            let activeLow = t.boolean("active_low")
            let bias = t.choice("bias", ["as-is", "disabled", "pull-up", "pull-down"])
            let debounce = t.duration("debounce", in: .zero...(.seconds(10)))
            let kind = t.choice("kind", ["presence", "pulse"])
            let stuckAfter = t.duration("stuck_after", in: .seconds(1)...(.seconds(3650 * 86_400)))
            if let model {
                let serialOnly = ["port", "baud", "mode", "duty_cycle", "warm_up", "preheat"]
                let gpioOnly = ["chip", "line", "active_low", "bias", "debounce", "kind", "stuck_after"]
                let needed = model.isSerial ? ["port"] : ["chip", "line"]
                let unused = model.isSerial ? gpioOnly : serialOnly
                for key in needed where t.lookup(key) == nil {
                    t.diagnostics.error(t.origin.file, t.origin.position, "\(t.subject(key)): required for model '\(model.rawValue)'")
                }
                for key in unused {
                    if let found = t.lookup(key) {
                        let kind = model.isSerial ? "gpio inputs" : "serial sensors"
                        t.error(at: found, key, "only used by \(kind), not by model '\(model.rawValue)'", atKey: true)
                    }
                }
            }
            if let name, let found = t.lookup("name") {
                if let first = firstByName[name] {
                    t.error(at: found, "name", "duplicate sensor name '\(name)' (first defined at \(first.file):\(first.position))")
                } else {
                    firstByName[name] = (found.file, found.entry.node.position)
                }
            }
            t.finish()
            if let name, let model {
                sensors.append(Sensor(
                    name: name, model: model, port: port, baud: baud ?? model.defaultBaud, chip: chip, line: line,
                    interval: interval, group: group, simulate: simulate, mode: mode, dutyCycle: dutyCycle, warmUp: warmUp,
                    preheat: preheat, activeLow: activeLow, bias: bias, debounce: debounce, kind: kind, stuckAfter: stuckAfter))
            }
        }
        return sensors
    }

    private static func decodeDisplay(_ t: LayeredTable) -> Display? {
        let driver = t.choice("driver", Display.Driver.allCases.map(\.rawValue)).flatMap(Display.Driver.init(rawValue:)) ?? Display.Driver.none
        var device = t.string("device")
        let bus = t.integer("bus", in: 0...255)
        var address = t.integer("address", in: 0x03...0x77)
        let language = t.choice("language", ["en", "de"]) ?? "en"
        let minInterval = t.duration("min_interval", in: .milliseconds(100)...(.seconds(3600))) ?? .seconds(2)
        let shiftInterval = t.duration("shift_interval", in: .seconds(1)...(.seconds(86_400))) ?? .seconds(60)
        switch driver {
        case .ssd1306, .hd44780:
            if bus == nil && t.lookup("bus") == nil {
                t.diagnostics.error(t.origin.file, t.origin.position, "\(t.subject("bus")): required for driver '\(driver.rawValue)' (the N of /dev/i2c-N)")
            }
            if let bus { device = "/dev/i2c-\(bus)" }
            if address == nil && t.lookup("address") == nil { address = driver == .ssd1306 ? 0x3C : 0x27 }
        case .framebuffer:
            device = device ?? "/dev/fb0"
        case .none, .terminal:
            break
        }
        t.finish()
        return Display(
            driver: driver, device: device, bus: bus, address: address, language: language, minInterval: minInterval,
            shiftInterval: shiftInterval)
    }

    private static func decodeControl(_ t: LayeredTable) -> Control? {
        let socket = t.string("socket") ?? defaultSocket
        if let found = t.lookup("socket"), !socket.hasPrefix("/") || socket.utf8.count > 107 {
            t.error(at: found, "socket", "must be an absolute path of at most 107 bytes")
        }
        let group = t.string("group") ?? "stationd"
        t.finish()
        return Control(socket: socket, group: group)
    }
}
