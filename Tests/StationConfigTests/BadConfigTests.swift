import StationConfig
import StationTesting
import Testing

/// One broken configuration and exactly what a technician must be told.
struct BadConfig: CustomTestStringConvertible, Sendable {
    var name: String
    var lines: [String]
    /// `LINE:COL: error: MESSAGE`, in order; the file name is prepended.
    var expected: [String]
    var testDescription: String { name }
}

private let station = ["[station]", "id = \"s1\""]
private let mqtt = ["[mqtt]", "host = \"broker.example\""]

let badConfigs: [BadConfig] = [
    BadConfig(
        name: "misspelt key gets a suggestion",
        lines: station + mqtt + ["prot = 1883"],
        expected: ["5:1: error: mqtt.prot: unknown key; did you mean 'port'?"]),
    BadConfig(
        name: "misspelt top-level key",
        lines: ["lgo_level = \"info\""] + station + mqtt,
        expected: ["1:1: error: lgo_level: unknown key; did you mean 'log_level'?"]),
    BadConfig(
        name: "unknown key without a close match",
        lines: station + ["colour = \"blue\""] + mqtt,
        expected: ["3:1: error: station.colour: unknown key"]),
    BadConfig(
        name: "string where an integer belongs",
        lines: station + mqtt + ["port = \"1883\""],
        expected: ["5:8: error: mqtt.port: expected an integer, found a string"]),
    BadConfig(
        name: "port out of range",
        lines: station + mqtt + ["port = 70000"],
        expected: ["5:8: error: mqtt.port: 70000 is out of range (1...65535)"]),
    BadConfig(
        name: "missing station id",
        lines: ["[station]", "name = \"Hub\""] + mqtt,
        expected: ["1:1: error: station.id: required key is missing"]),
    BadConfig(
        name: "missing station table",
        lines: mqtt,
        expected: ["1:1: error: station.id: required key is missing"]),
    BadConfig(
        name: "missing broker host",
        lines: station + ["", "[mqtt]", "port = 1883"],
        expected: ["4:1: error: mqtt.host: required key is missing"]),
    BadConfig(
        name: "station id with spaces",
        lines: ["[station]", "id = \"bad id!\""] + mqtt,
        expected: [
            "2:6: error: station.id: 'bad id!' is not a valid station id (letters, digits, '.', '_', '-'; 1 to 64 characters)"
        ]),
    BadConfig(
        name: "duration with an unknown unit",
        lines: station + mqtt + ["keepalive = \"30 parsecs\""],
        expected: ["5:13: error: mqtt.keepalive: invalid duration '30 parsecs' (a number with ms, s, m, h or d, e.g. \"30s\")"]),
    BadConfig(
        name: "duration without a unit",
        lines: station + mqtt + ["keepalive = 30"],
        expected: ["5:13: error: mqtt.keepalive: expected a duration such as \"30s\", found an integer"]),
    BadConfig(
        name: "duration out of range",
        lines: station + mqtt + ["keepalive = \"1s\""],
        expected: ["5:13: error: mqtt.keepalive: 1s is out of range (5s...65535s)"]),
    BadConfig(
        name: "protocol version typo",
        lines: station + mqtt + ["protocol = \"v5\""],
        expected: ["5:12: error: mqtt.protocol: 'v5' is not one of: 3.1.1, 5; did you mean '5'?"]),
    BadConfig(
        name: "unknown log level",
        lines: ["log_level = \"verbose\""] + station + mqtt,
        expected: ["1:13: error: log_level: 'verbose' is not one of: debug, info, warning, error"]),
    BadConfig(
        name: "invalid topic prefix",
        lines: station + mqtt + ["topic_prefix = \"city/#\""],
        expected: [
            "5:16: error: mqtt.topic_prefix: 'city/#' is not a valid topic prefix (no '+', '#', empty levels, or leading/trailing '/')"
        ]),
    BadConfig(
        name: "duplicate sensor name",
        lines: station + mqtt + [
            "[[sensor]]", "name = \"pm\"", "model = \"sds011\"", "port = \"/dev/ttyUSB0\"",
            "[[sensor]]", "name = \"pm\"", "model = \"mhz19b\"", "port = \"/dev/ttyUSB1\"",
        ],
        expected: ["10:8: error: sensor[2].name: duplicate sensor name 'pm' (first defined at station.toml:6:8)"]),
    BadConfig(
        name: "unknown sensor model",
        lines: station + mqtt + ["[[sensor]]", "name = \"pm\"", "model = \"sds01\"", "port = \"/dev/ttyUSB0\""],
        expected: [
            "7:9: error: sensor[1].model: 'sds01' is not one of: sds011, pms5003, pms7003, pmsa003, sps30, mhz19b, s8, scd30, gpio; did you mean 'sds011'?"
        ]),
    BadConfig(
        name: "serial sensor without a port",
        lines: station + mqtt + ["[[sensor]]", "name = \"co2\"", "model = \"mhz19b\""],
        expected: ["5:1: error: sensor[1].port: required for model 'mhz19b'"]),
    BadConfig(
        name: "relative port of a real sensor",
        lines: station + mqtt + ["[[sensor]]", "name = \"co2\"", "model = \"mhz19b\"", "port = \"ttyUSB0\""],
        expected: ["8:8: error: sensor[1].port: must be an absolute device path such as /dev/ttyUSB0 (a relative one is only for simulate = true, inside data_dir)"]),
    BadConfig(
        name: "gpio input with a serial port",
        lines: station + mqtt + [
            "[[sensor]]", "name = \"bay-1\"", "model = \"gpio\"", "chip = \"gpiochip0\"", "line = 17", "port = \"/dev/ttyS0\"",
        ],
        expected: ["10:1: error: sensor[1].port: only used by serial sensors, not by model 'gpio'"]),
    BadConfig(
        name: "serial sensor with a debounce time",
        lines: station + mqtt + ["[[sensor]]", "name = \"pm\"", "model = \"sds011\"", "port = \"/dev/ttyUSB0\"", "debounce = \"50ms\""],
        expected: ["9:1: error: sensor[1].debounce: only used by gpio inputs, not by model 'sds011'"]),
    BadConfig(
        name: "unknown bias",
        lines: station + mqtt + [
            "[[sensor]]", "name = \"bay-1\"", "model = \"gpio\"", "chip = \"gpiochip0\"", "line = 3", "bias = \"pullup\"",
        ],
        expected: ["10:8: error: sensor[1].bias: 'pullup' is not one of: as-is, disabled, pull-up, pull-down; did you mean 'pull-up'?"]),
    BadConfig(
        name: "gpio line out of range",
        lines: station + mqtt + ["[[sensor]]", "name = \"bay-1\"", "model = \"gpio\"", "chip = \"gpiochip0\"", "line = 5000"],
        expected: ["9:8: error: sensor[1].line: 5000 is out of range (0...4095)"]),
    BadConfig(
        name: "unreadable TLS CA file",
        lines: station + mqtt + ["[mqtt.tls]", "ca_file = \"/nonexistent/ca.pem\""],
        expected: ["6:11: error: mqtt.tls.ca_file: cannot read '/nonexistent/ca.pem': No such file or directory"]),
    BadConfig(
        name: "client certificate without its key",
        lines: station + mqtt + ["[mqtt.tls]", "cert_file = \"/nonexistent/client.pem\""],
        expected: [
            "6:13: error: mqtt.tls.cert_file: cert_file and key_file must be given together",
            "6:13: error: mqtt.tls.cert_file: cannot read '/nonexistent/client.pem': No such file or directory",
        ]),
    BadConfig(
        name: "size without a known unit",
        lines: station + mqtt + ["[store]", "max_bytes = \"lots\""],
        expected: [
            "6:13: error: store.max_bytes: invalid size 'lots' (a number with B, KB, MB, GB, KiB, MiB or GiB, e.g. \"512MiB\")"
        ]),
    BadConfig(
        name: "store budget too small",
        lines: station + mqtt + ["[store]", "max_bytes = 1000"],
        expected: ["6:13: error: store.max_bytes: 1000 bytes is too small (at least 1048576)"]),
    BadConfig(
        name: "unknown sync policy",
        lines: station + mqtt + ["[store]", "sync = \"sometimes\""],
        expected: ["6:8: error: store.sync: 'sometimes' is not 'always', 'os' or an interval from 10ms to 1h such as \"1s\""]),
    BadConfig(
        name: "latitude out of range in an inline table",
        lines: ["[station]", "id = \"s1\"", "location = { latitude = 123.0, longitude = 13.4 }"] + mqtt,
        expected: ["3:25: error: station.location.latitude: 123.0 is out of range (-90.0...90.0)"]),
    BadConfig(
        name: "a value where a table belongs",
        lines: ["mqtt = \"broker.example\""] + station,
        expected: [
            "1:1: error: mqtt.host: required key is missing",
            "1:8: error: mqtt: expected a table, found a string",
        ]),
    BadConfig(
        name: "boolean where a string belongs",
        lines: ["[station]", "id = \"s1\"", "name = true"] + mqtt,
        expected: ["3:8: error: station.name: expected a string, found a boolean"]),
    BadConfig(
        name: "I2C display without a bus",
        lines: station + mqtt + ["[display]", "driver = \"ssd1306\""],
        expected: ["5:1: error: display.bus: required for driver 'ssd1306' (the N of /dev/i2c-N)"]),
    BadConfig(
        name: "I2C address out of range",
        lines: station + mqtt + ["[display]", "driver = \"hd44780\"", "bus = 1", "address = 0x80"],
        expected: ["8:11: error: display.address: 128 is out of range (3...119)"]),
    BadConfig(
        name: "relative control socket",
        lines: station + mqtt + ["[control]", "socket = \"control.sock\""],
        expected: ["6:10: error: control.socket: must be an absolute path of at most 107 bytes"]),
    BadConfig(
        name: "three mistakes reported together, in file order",
        lines: ["[station]", "id = \"s1\"", "[mqtt]", "host = \"b\"", "port = 0", "keepalive = \"soon\"", "[store]", "max_age = 7"],
        expected: [
            "5:8: error: mqtt.port: 0 is out of range (1...65535)",
            "6:13: error: mqtt.keepalive: invalid duration 'soon' (a number with ms, s, m, h or d, e.g. \"30s\")",
            "8:11: error: store.max_age: expected a duration such as \"30s\", found an integer",
        ]),
]

@Suite struct BadConfigTests {
    @Test(arguments: badConfigs)
    func reportsExactMessageAndPosition(_ case_: BadConfig) throws {
        let loader = ConfigLoader(boardDirectory: nil)
        do {
            let loaded = try loader.load(text: case_.lines.joined(separator: "\n") + "\n", file: "station.toml")
            Issue.record("accepted a broken configuration: \(loaded.configuration)")
        } catch {
            #expect(error.diagnostics.map(\.description) == case_.expected.map { "station.toml:\($0)" })
        }
    }

    @Test func worldReadableCredentialsAreRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let secret = try dir.write("credentials", "station:secret\n", permissions: 0o644)
        let text = (station + mqtt + ["credentials_file = \"\(secret)\""]).joined(separator: "\n")
        do {
            _ = try ConfigLoader(boardDirectory: nil).load(text: text, file: "station.toml")
            Issue.record("accepted world-readable credentials")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "station.toml:5:20: error: mqtt.credentials_file: '\(secret)' is readable by everyone (mode 0644); make it 0600 or 0640"
            ])
        }
        _ = try dir.write("credentials", "station:secret\n", permissions: 0o600)
        let loaded = try ConfigLoader(boardDirectory: nil).load(text: text, file: "station.toml")
        #expect(loaded.configuration.mqtt.credentialsFile == secret)
    }

    @Test func syntaxErrorIsOneDiagnosticWithPosition() {
        do {
            _ = try ConfigLoader(boardDirectory: nil).load(text: "[station]\nid = \n", file: "station.toml")
            Issue.record("accepted invalid TOML")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics[0].description.hasPrefix("station.toml:2:"))
        }
    }

    @Test func unreadableFileIsOneDiagnostic() {
        do {
            _ = try ConfigLoader(boardDirectory: nil).load(path: "/nonexistent/station.toml")
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.description == "/nonexistent/station.toml:1:1: error: cannot read configuration: No such file or directory")
        }
    }
}
