import Testing
import TOML

/// The common subset a station config uses, with positions.
@Suite struct DecoderTests {
    static let config = """
        # station config
        [station]
        id = "st-0042"   # comment
        name = 'Hauptbahnhof Süd'
        location.lat = 48.1374
        location.lon = 11.5755

        [mqtt]
        host = "broker.local"
        port = 8883
        keepalive_s = 30
        tls = { ca = "/etc/ca.pem", verify = true }

        [[sensor]]
        name = "pm-1"
        model = "sds011"
        interval_s = 1_0
        tags = ["air", "pm", ]

        [[sensor]]
        name = "bays"
        pins = [
          17, 27, # west rack
          22,
        ]
        """

    @Test func decodesTablesAndValues() throws {
        let doc = try TOMLDecoder.decode(Self.config)
        #expect(doc.keys == ["station", "mqtt", "sensor"])
        guard case .table(let station)? = doc["station"]?.value else { Issue.record("no station"); return }
        guard case .string(let name)? = station["name"]?.value else { Issue.record("no name"); return }
        #expect(name == "Hauptbahnhof Süd")
        guard case .table(let location)? = station["location"]?.value,
            case .float(let lat)? = location["lat"]?.value
        else { Issue.record("no location"); return }
        #expect(lat == 48.1374)
        guard case .table(let mqtt)? = doc["mqtt"]?.value,
            case .integer(let port)? = mqtt["port"]?.value,
            case .table(let tls)? = mqtt["tls"]?.value,
            case .boolean(true)? = tls["verify"]?.value
        else { Issue.record("bad mqtt"); return }
        #expect(port == 8883)
        guard case .array(let sensors)? = doc["sensor"]?.value, sensors.count == 2,
            case .table(let first) = sensors[0].value,
            case .integer(10)? = first["interval_s"]?.value,
            case .array(let tags)? = first["tags"]?.value,
            case .table(let second) = sensors[1].value,
            case .array(let pins)? = second["pins"]?.value
        else { Issue.record("bad sensors"); return }
        #expect(tags.count == 2)
        #expect(pins.count == 3)
    }

    @Test func recordsPositions() throws {
        let doc = try TOMLDecoder.decode(Self.config)
        #expect(doc.entry("station")?.keyPosition == TOMLPosition(line: 2, column: 2))
        #expect(doc["station"]?.position == TOMLPosition(line: 2, column: 1))
        guard case .table(let station)? = doc["station"]?.value else { Issue.record("no station"); return }
        #expect(station["id"]?.position == TOMLPosition(line: 3, column: 6))
        #expect(station.entry("location")?.keyPosition == TOMLPosition(line: 5, column: 1))
        guard case .table(let location)? = station["location"]?.value else { Issue.record("no location"); return }
        #expect(location.entry("lon")?.keyPosition == TOMLPosition(line: 6, column: 10))
        guard case .array(let sensors)? = doc["sensor"]?.value else { Issue.record("no sensors"); return }
        #expect(sensors[1].position == TOMLPosition(line: 20, column: 1))
    }

    @Test func byteOrderMarkAndCRLFKeepPositions() throws {
        let doc = try TOMLDecoder.decode(bytes: [0xEF, 0xBB, 0xBF] + Array("a = 1\r\ns = \"\"\"\r\nx\r\ny\"\"\"\r\nb = 2".utf8))
        #expect(doc.entry("a")?.keyPosition == TOMLPosition(line: 1, column: 1))
        #expect(doc.entry("b")?.keyPosition == TOMLPosition(line: 5, column: 1))
        guard case .string(let s)? = doc["s"]?.value else { Issue.record("no s"); return }
        #expect(s == "x\ny")  // CRLF inside multi-line strings reads as LF
    }

    @Test func nulIsRefusedEvenInStrings() {
        #expect(throws: TOMLError.self) { try TOMLDecoder.decode("a = \"\u{0}\"") }
    }

    @Test func columnsCountUnicodeScalars() {
        #expect(throws: TOMLError.self) { try TOMLDecoder.decode("name = \"Süd\" x") }
        do {
            _ = try TOMLDecoder.decode("name = \"Süd\" x")
        } catch {
            #expect(error.position == TOMLPosition(line: 1, column: 14))
        }
    }
}
