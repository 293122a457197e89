import StationCore
import StationTesting
import Testing

@testable import StationMQTT

@Suite("JSON writing and payloads")
struct PayloadTests {
    private func text(_ body: (inout JSONWriter) -> Void) -> String {
        var json = JSONWriter()
        body(&json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    @Test("strings escape quote, backslash and control characters; other UTF-8 passes through")
    func stringEscaping() {
        #expect(text { $0.string("a\"b\\c") } == #""a\"b\\c""#)
        #expect(text { $0.string("\n\r\t\u{8}\u{c}") } == #""\n\r\t\b\f""#)
        #expect(text { $0.string("\u{0}\u{1}\u{1f}\u{7f}") } == #""\u0000\u0001\u001f\u007f""#)
        #expect(text { $0.string("µg/m³ 🚲") } == "\"µg/m³ 🚲\"")
    }

    @Test("numbers: shortest round trip, integers without .0, NaN and infinity as null")
    func numbers() {
        #expect(text { $0.number(12.5) } == "12.5")
        #expect(text { $0.number(1) } == "1")
        #expect(text { $0.number(-0.0) } == "0")
        #expect(text { $0.number(-42) } == "-42")
        #expect(text { $0.number(1e-7) } == "1e-07")
        #expect(text { $0.number(1e300) } == "1e+300")
        #expect(text { $0.number(0.1) } == "0.1")
        #expect(text { $0.number(.nan) } == "null")
        #expect(text { $0.number(.infinity) } == "null")
        #expect(text { $0.number(-.infinity) } == "null")
        #expect(text { $0.integer(Int64.min) } == "-9223372036854775808")
        #expect(text { $0.integer(UInt64.max) } == "18446744073709551615")
        #expect(text { $0.integer(0) } == "0")
    }

    @Test("time: RFC 3339 UTC with milliseconds, also before 1970")
    func times() {
        #expect(text { $0.time(unixNanos: 0) } == #""1970-01-01T00:00:00.000Z""#)
        #expect(text { $0.time(unixNanos: 1_764_400_321_123_999_999) } == #""2025-11-29T07:12:01.123Z""#)
        #expect(text { $0.time(unixNanos: -1_000_000) } == #""1969-12-31T23:59:59.999Z""#)
        #expect(text { $0.time(unixNanos: 951_782_400_000_000_000) } == #""2000-02-29T00:00:00.000Z""#)
    }

    @Test("a reading payload has every field, time quality included")
    func readingPayload() {
        var reading = Reading(
            sensor: "co2-hall", quantity: "co2", value: 612, unit: "ppm", kind: .sample,
            bootID: BootID(hex: "ab"), monotonicNanos: 5, wallNanos: 1_764_400_321_123_000_000, timeTrust: .corrected)
        let item = OutgoingReading(id: "st:ab:7", handle: 7, reading: reading, isLive: true)
        #expect(String(decoding: Payloads.reading(item), as: UTF8.self)
            == #"{"id":"st:ab:7","sensor":"co2-hall","quantity":"co2","value":612,"unit":"ppm","time":"2025-11-29T07:12:01.123Z","time_quality":"corrected","kind":"sample"}"#)
        reading.value = .nan
        reading.timeTrust = .untrusted
        let odd = String(decoding: Payloads.reading(OutgoingReading(id: "x", handle: 1, reading: reading, isLive: true)), as: UTF8.self)
        #expect(odd.contains(#""value":null"#) && odd.contains(#""time_quality":"untrusted""#))
    }

    @Test("a batch stops before its byte limit and reports how many readings it holds")
    func batchBounds() {
        let items = (0..<100).map { OutgoingReading(id: "s:\($0)", handle: UInt64($0), reading: sampleReading($0), isLive: false) }
        let one = Payloads.reading(items[0]).count
        let (payload, count) = Payloads.batch(items[...], station: "s", maxBytes: 10 * one)
        #expect(count >= 8 && count < 10)
        #expect(payload.count <= 10 * one)
        let text = String(decoding: payload, as: UTF8.self)
        #expect(text.hasPrefix(#"{"station":"s","historical":true,"readings":[{"id":"s:0""#))
        #expect(text.hasSuffix("}]}"))
        // A single reading larger than the limit still goes out alone.
        let (_, single) = Payloads.batch(items[...], station: "s", maxBytes: 10)
        #expect(single == 1)
        let (_, all) = Payloads.batch(items[...], station: "s", maxBytes: 1 << 20)
        #expect(all == 100)
    }

    @Test("topics: PREFIX/STATION/... with unsafe characters replaced in levels")
    func topics() {
        let topics = UplinkTopics(prefix: "city/mobility", stationID: "st-7")
        #expect(topics.status == "city/mobility/st-7/status")
        #expect(topics.health == "city/mobility/st-7/health")
        #expect(topics.backlog == "city/mobility/st-7/backlog")
        #expect(topics.reading(sensor: "pm-entrance", quantity: "pm2_5") == "city/mobility/st-7/readings/pm-entrance/pm2_5")
        #expect(topics.reading(sensor: "a/b+c#d\u{1}", quantity: "") == "city/mobility/st-7/readings/a_b_c_d_/_")
    }
}
