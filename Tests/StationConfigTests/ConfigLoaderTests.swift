@testable import StationConfig
import StationCore
import StationTesting
import Testing

@Suite struct ConfigLoaderTests {
    @Test func minimalConfigGetsEveryDefault() throws {
        let text = "[station]\nid = \"s1\"\n[mqtt]\nhost = \"broker.example\"\n"
        let c = try ConfigLoader(boardDirectory: nil).load(text: text, file: "station.toml").configuration
        #expect(c.board == nil)
        #expect(c.station == .init(id: "s1", name: "s1", location: nil))
        #expect(c.dataDirectory == "/var/lib/stationd")
        #expect(c.logLevel == .info)
        #expect(c.mqtt.port == 1883)
        #expect(c.mqtt.tls == nil)
        #expect(c.mqtt.clientID == "s1")
        #expect(c.mqtt.topicPrefix == "stations")
        #expect(c.mqtt.keepalive == .seconds(30))
        #expect(c.mqtt.protocolVersion == .v311)
        #expect(c.store == .init(maxBytes: 512 * 1_048_576, maxAge: .seconds(30 * 86_400), sync: .interval(.seconds(1)), commitInterval: .milliseconds(200)))
        #expect(c.sensors.isEmpty)
        #expect(c.display == .init(driver: .none, device: nil, bus: nil, address: nil))
        #expect(c.control == .init(socket: "/run/stationd/control.sock", group: "stationd"))
    }

    @Test func tlsChangesTheDefaultPortAndSensorsGetModelDefaults() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ca = try dir.write("ca.pem", "-----BEGIN CERTIFICATE-----\n")
        let text = """
            [station]
            id = "hub-7"
            [mqtt]
            host = "mqtt.city.example"
            protocol = "5"
            [mqtt.tls]
            ca_file = "\(ca)"
            [store]
            sync = "always"
            max_bytes = "1GiB"
            [[sensor]]
            name = "pm"
            model = "sps30"
            port = "/dev/ttyUSB0"
            interval = "5s"
            [[sensor]]
            name = "bay-1"
            model = "gpio"
            chip = "gpiochip0"
            line = 17
            group = "rack-north"
            active_low = true
            bias = "pull-up"
            debounce = "80ms"
            stuck_after = "2h"
            [display]
            driver = "ssd1306"
            bus = 1
            """
        let c = try ConfigLoader(boardDirectory: nil).load(text: text, file: "station.toml").configuration
        #expect(c.mqtt.port == 8883)
        #expect(c.mqtt.protocolVersion == .v5)
        #expect(c.mqtt.tls == .init(caFile: ca, certFile: nil, keyFile: nil))
        #expect(c.store.sync == .always)
        #expect(c.store.maxBytes == 1_073_741_824)
        #expect(c.sensors == [
            .init(name: "pm", model: .sps30, port: "/dev/ttyUSB0", baud: 115_200, chip: nil, line: nil, interval: .seconds(5), group: nil),
            .init(
                name: "bay-1", model: .gpio, port: nil, baud: nil, chip: "gpiochip0", line: 17, interval: .seconds(10),
                group: "rack-north", activeLow: true, bias: "pull-up", debounce: .milliseconds(80), stuckAfter: .seconds(7200)),
        ])
        #expect(c.display == .init(driver: .ssd1306, device: "/dev/i2c-1", bus: 1, address: 0x3C))
    }

    @Test func simulatedBoardIsValid() throws {
        let root = BuiltProducts.packageRoot()
        let loaded = try ConfigLoader(boardDirectory: "\(root)/board").load(path: "\(root)/board/sim/station.toml")
        #expect(loaded.configuration.board == "sim")
        #expect(loaded.configuration.station.id == "sim-0001")
        #expect(loaded.files == ["\(root)/board/sim/station.toml"])
        #expect(loaded.hash.count == 16)
        // Emulated ports are relative in the board: made inside data_dir.
        let ports = loaded.configuration.sensors.compactMap(\.port)
        #expect(!ports.isEmpty && ports.allSatisfy { $0.hasPrefix(loaded.configuration.dataDirectory + "/dev/") }, "\(ports)")
    }

    /// Two simulated stations with their own data_dir get their own
    /// pseudo-terminals (two demos at once do not fight over them).
    @Test func relativeEmulatorPortsFollowTheDataDirectory() throws {
        let root = BuiltProducts.packageRoot()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("station.toml", "board = \"sim\"\ndata_dir = \"\(dir.path)/data\"\n")
        let loaded = try ConfigLoader(boardDirectory: "\(root)/board").load(path: file)
        let sds = loaded.configuration.sensors.first { $0.model.rawValue == "sds011" }
        #expect(sds?.port == "\(dir.path)/data/dev/ttySDS011")
    }

    /// A station's file overrides its board's defaults key by key; its own
    /// `[[sensor]]` list replaces the board's; each problem points at the
    /// file it is in.
    @Test func boardDefaultsAreLayeredUnderTheStationFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("boards/pi/station.toml", """
            board = "pi"
            [mqtt]
            host = "board-default.example"
            port = 1884
            [display]
            driver = "hd44780"
            bus = 1
            [[sensor]]
            name = "board-pm"
            model = "sds011"
            port = "/dev/ttyAMA0"
            """)
        try dir.write("boards/x86/station.toml", "")
        let site = try dir.write("station.toml", """
            board = "pi"
            [station]
            id = "hub-1"
            [mqtt]
            port = 8883
            [[sensor]]
            name = "site-co2"
            model = "s8"
            port = "/dev/ttyUSB0"
            """)
        let loader = ConfigLoader(boardDirectory: "\(dir.path)/boards")
        let loaded = try loader.load(path: site)
        let c = loaded.configuration
        #expect(c.board == "pi")
        #expect(c.mqtt.host == "board-default.example")
        #expect(c.mqtt.port == 8883)
        #expect(c.display.driver == .hd44780)
        #expect(c.display.address == 0x27)
        #expect(c.sensors.map(\.name) == ["site-co2"])
        #expect(loaded.files == [site, "\(dir.path)/boards/pi/station.toml"])

        try dir.write("boards/pi/station.toml", "[mqtt]\nhots = \"x\"\n")
        do {
            _ = try loader.load(path: site)
            Issue.record("accepted a board file with an unknown key")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(site):4:1: error: mqtt.host: required key is missing",
                "\(dir.path)/boards/pi/station.toml:2:1: error: mqtt.hots: unknown key; did you mean 'host'?",
            ])
        }
    }

    @Test func unknownBoardSuggestsTheClosest() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("boards/raspberrypi4/station.toml", "")
        try dir.write("boards/sim/station.toml", "")
        let text = "board = \"raspberypi4\"\n[station]\nid = \"s1\"\n[mqtt]\nhost = \"h\"\n"
        do {
            _ = try ConfigLoader(boardDirectory: "\(dir.path)/boards").load(text: text, file: "station.toml")
            Issue.record("accepted an unknown board")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "station.toml:1:9: error: board: unknown board 'raspberypi4' (known boards: raspberrypi4, sim); did you mean 'raspberrypi4'?"
            ])
        }
    }

    @Test func hashChangesWithContent() throws {
        let loader = ConfigLoader(boardDirectory: nil)
        let a = try loader.load(text: "[station]\nid = \"s1\"\n[mqtt]\nhost = \"h\"\n", file: "a.toml")
        let b = try loader.load(text: "[station]\nid = \"s1\"\n[mqtt]\nhost = \"h2\"\n", file: "a.toml")
        #expect(a.hash != b.hash)
    }
}

@Suite struct QuantityTests {
    @Test func durations() {
        #expect(Quantities.duration("200ms") == .milliseconds(200))
        #expect(Quantities.duration("30s") == .seconds(30))
        #expect(Quantities.duration("1.5s") == .milliseconds(1500))
        #expect(Quantities.duration("5m") == .seconds(300))
        #expect(Quantities.duration("2h") == .seconds(7200))
        #expect(Quantities.duration("7d") == .seconds(604_800))
        #expect(Quantities.duration(" 10 s ") == .seconds(10))
        #expect(Quantities.duration("10") == nil)
        #expect(Quantities.duration("s") == nil)
        #expect(Quantities.duration("-1s") == nil)
        #expect(Quantities.duration("1e3s") == nil)
        #expect(Quantities.format(.milliseconds(200)) == "200ms")
        #expect(Quantities.format(.seconds(90)) == "90s")
        #expect(Quantities.format(.seconds(604_800)) == "7d")
    }

    @Test func sizes() {
        #expect(Quantities.size("4096") == 4096)
        #expect(Quantities.size("512KB") == 512_000)
        #expect(Quantities.size("64MiB") == 67_108_864)
        #expect(Quantities.size("1.5GB") == 1_500_000_000)
        #expect(Quantities.size("12 MiB") == 12_582_912)
        #expect(Quantities.size("12 mb") == nil)
        #expect(Quantities.size("lots") == nil)
    }

    @Test func suggestionsAreCloseOrNothing() {
        #expect(Suggestion.closest(to: "prot", in: ["host", "port", "protocol"]) == "port")
        #expect(Suggestion.closest(to: "keepalvie", in: ["keepalive", "host"]) == "keepalive")
        #expect(Suggestion.closest(to: "colour", in: ["id", "name", "location"]) == nil)
        #expect(Suggestion.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }
}
