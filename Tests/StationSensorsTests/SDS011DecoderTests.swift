import StationSensors
import Testing

@Suite struct SDS011DecoderTests {
    let example = "AAC0D4043A0AA1601DAB"

    @Test func decodesTheDatasheetExample() {
        var d = SDS011Decoder()
        let frames = d.messages(in: hex(example))
        #expect(frames == [.measurement(pm2_5: 123.6, pm10: 261.8, deviceID: 0x60A1)])
        #expect(table(frames[0].values) == ["pm2_5": 123.6, "pm10": 261.8])
        #expect(frames[0].values.allSatisfy { $0.unit == "ug/m3" })
        #expect(d.failures.total == 0)
    }

    @Test func encodesEveryCommandByteExactly() {
        #expect(Hex.encode(SDS011Encoder.setReportingMode(active: true)) == "AAB402010000000000000000000000FFFF01AB")
        #expect(Hex.encode(SDS011Encoder.setReportingMode(active: false)) == "AAB402010100000000000000000000FFFF02AB")
        #expect(Hex.encode(SDS011Encoder.queryData()) == "AAB404000000000000000000000000FFFF02AB")
        #expect(Hex.encode(SDS011Encoder.setWorking(false)) == "AAB406010000000000000000000000FFFF05AB")
        #expect(Hex.encode(SDS011Encoder.setWorking(true)) == "AAB406010100000000000000000000FFFF06AB")
        #expect(Hex.encode(SDS011Encoder.setWorkingPeriod(minutes: 0)) == "AAB408010000000000000000000000FFFF07AB")
    }

    @Test func encoderAndDecoderAgree() {
        let frame = SDS011Encoder.measurement(pm2_5: 123.6, pm10: 261.8, deviceID: 0x60A1)
        #expect(Hex.encode(frame) == example)
        var d = SDS011Decoder()
        #expect(d.messages(in: SDS011Encoder.setWorking(false)) == [.command(data: [6, 1, 0] + Array(repeating: 0, count: 10), deviceID: 0xFFFF)])
        #expect(d.messages(in: SDS011Encoder.reply([6, 1, 0, 0], deviceID: 0x60A1)) == [.reply(data: [6, 1, 0, 0], deviceID: 0x60A1)])
    }

    @Test func resynchronisesAfterGarbageAndCountsItOnce() {
        var d = SDS011Decoder()
        let events = d.feed(hex("0102AAAB03") + hex(example) + hex("AA") + hex(example))
        let frames = events.compactMap { if case .message(let m) = $0 { m } else { nil } }
        #expect(frames.count == 2)
        #expect(d.failures[.framing] >= 1)
        #expect(d.failures[.checksum] == 0)
    }

    @Test func oneByteAtATime() {
        var d = SDS011Decoder()
        let events = d.feedBytewise(hex(example + example))
        #expect(events.count == 2)
        #expect(d.bufferedCount == 0)
    }

    @Test func badChecksumIsCountedAndTheNextFrameStillDecodes() {
        var bad = hex(example)
        bad[8] ^= 0x01
        var d = SDS011Decoder()
        let frames = d.messages(in: bad + hex(example))
        #expect(frames.count == 1)
        #expect(d.failures[.checksum] == 1)
    }
}
