import StationSensors
import Testing

@Suite struct PMSDecoderTests {
    let example = "424D001C000000050005000000050005008A002E0017000F0000000097000234"

    @Test func decodesTheDatasheetExample() throws {
        var d = PMSDecoder()
        let frames = d.messages(in: hex(example))
        try #require(frames.count == 1)
        let v = table(frames[0].values)
        #expect(v["pm1_0"] == 0 && v["pm2_5"] == 5 && v["pm10"] == 5)
        #expect(v["pm1_0_cf1"] == 0 && v["pm2_5_cf1"] == 5 && v["pm10_cf1"] == 5)
        #expect(v["particles_0_3"] == 138 && v["particles_0_5"] == 46 && v["particles_1_0"] == 23)
        #expect(v["particles_2_5"] == 15 && v["particles_5_0"] == 0 && v["particles_10"] == 0)
        #expect(frames[0].values.first { $0.quantity == "particles_0_3" }?.unit == "1/0.1L")
    }

    @Test func encodesEveryCommandByteExactly() {
        #expect(Hex.encode(PMSEncoder.setActive(true)) == "424DE100010171")
        #expect(Hex.encode(PMSEncoder.setActive(false)) == "424DE100000170")
        #expect(Hex.encode(PMSEncoder.passiveRead()) == "424DE200000171")
        #expect(Hex.encode(PMSEncoder.setWorking(false)) == "424DE400000173")
        #expect(Hex.encode(PMSEncoder.setWorking(true)) == "424DE400010174")
    }

    @Test func encoderReproducesTheExample() {
        let m = PMSMeasurement(pm1_0CF1: 0, pm2_5CF1: 5, pm10CF1: 5, pm1_0: 0, pm2_5: 5, pm10: 5, counts: [138, 46, 23, 15, 0, 0])
        // The example's reserved word is 0x9700; ours is 0: compare all but that and the sum.
        #expect(Array(PMSEncoder.measurement(m).prefix(28)) == Array(hex(example).prefix(28)))
    }

    @Test func recognisesEightByteCommandReplies() {
        var d = PMSDecoder()
        let reply = PMSEncoder.reply(command: 0xE4, data: 0x00)
        #expect(Hex.encode(reply) == "424D0004E4000177")
        #expect(d.messages(in: reply) == [.reply(command: 0xE4, data: 0)])
    }

    @Test func emulatorSideFindsHostCommands() {
        var d = PMSDecoder(acceptsCommands: true)
        #expect(d.messages(in: hex("00") + PMSEncoder.passiveRead()) == [.command(command: 0xE2, data: 0)])
    }

    @Test func resyncSplitReadsAndBadChecksum() {
        var bad = hex(example)
        bad[31] ^= 0xFF
        var d = PMSDecoder()
        // A false "42 4D" with an impossible length, a corrupted frame, then a good one byte by byte.
        let events = d.feedBytewise(hex("424D00FF11") + bad + hex(example))
        let frames = events.compactMap { if case .message(let m) = $0 { m } else { nil } }
        #expect(frames.count == 1)
        #expect(d.failures[.checksum] == 1)
        #expect(d.failures[.framing] >= 1)
        #expect(d.bufferedCount == 0)
    }
}
