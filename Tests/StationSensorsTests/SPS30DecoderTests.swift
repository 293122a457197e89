import StationSensors
import Testing

@Suite struct SPS30DecoderTests {
    @Test func stuffingVectorFromTheProtocolNotes() {
        let frame = SHDLC.encode(address: 0x7E, command: 0x7D, data: [0x11, 0x12, 0x13, 0x14])
        #expect(Hex.encode(frame) == "7E7D5E7D5D047D31127D3314B67E")
        var d = SHDLCDecoder(role: .requests)
        #expect(d.messages(in: frame) == [SHDLCFrame(address: 0x7E, command: 0x7D, data: [0x11, 0x12, 0x13, 0x14])])
    }

    @Test func encodesEveryCommandByteExactly() {
        #expect(Hex.encode(SPS30.startMeasurement()) == "7E0000020103F97E")
        #expect(Hex.encode(SPS30.stopMeasurement()) == "7E000100FE7E")
        #expect(Hex.encode(SPS30.readMeasurement()) == "7E000300FC7E")
        #expect(Hex.encode(SPS30.sleep()) == "7E001000EF7E")
        // PROTOCOLS.md writes wake-up as 7E001100EE7E, but its own stuffing
        // rule turns the command byte 0x11 into 7D31; we send the stuffed form
        // and accept both (below).
        #expect(Hex.encode(SPS30.wakeUp()) == "FF7E007D3100EE7E")
        var d = SHDLCDecoder(role: .requests)
        #expect(d.messages(in: hex("7E001100EE7E")) == [SHDLCFrame(address: 0, command: 0x11, data: [])])
        #expect(Hex.encode(SPS30.fanCleaning()) == "7E005600A97E")
        #expect(Hex.encode(SPS30.reset()) == "7E00D3002C7E")
    }

    @Test func noNewDataIsAnEmptyReadingNotAFailure() throws {
        var d = SHDLCDecoder()
        let frames = d.messages(in: hex("7E00030000FC7E"))
        try #require(frames.count == 1)
        #expect(try SPS30.values(frames[0]).get() == [])
    }

    @Test func decodesAReadReplyWithStuffedBytes() throws {
        // 0x7E7D1113 as a float forces every escape into the payload.
        let tricky = Float(bitPattern: 0x7E7D_1113)
        let floats: [Float] = [1.5, 2.5, tricky, 10.25, 0.5, 1, 2, 3, 4, 0.75]
        let frame = SPS30.measurementReply(floats)
        #expect(Hex.encode(frame).contains("7D5E7D5D7D317D33"))
        var d = SHDLCDecoder()
        let frames = d.feedBytewise(frame)
        try #require(frames.count == 1)
        guard case .message(let m) = frames[0] else { Issue.record("no frame"); return }
        let v = table(try SPS30.values(m).get())
        #expect(v["pm1_0"] == 1.5 && v["pm2_5"] == 2.5 && v["pm10"] == 10.25)
        #expect(v["pm4_0"] == Double("\(tricky)"))
        #expect(v["particles_0_5"] == 0.5 && v["particles_10"] == 4 && v["typical_particle_size"] == 0.75)
    }

    @Test func commandNotAllowedIsItsOwnReason() throws {
        var d = SHDLCDecoder()
        let frames = d.messages(in: SHDLC.encode(address: 0, command: 0x03, state: 0x43))
        try #require(frames.count == 1)
        #expect(SPS30.values(frames[0]) == .failure(.commandNotAllowed))
        #expect(SPS30.failure(SHDLCFrame(address: 0, command: 3, state: 0x81, data: [])) == .deviceError)
    }

    @Test func resyncAfterGarbageAndBadChecksum() {
        var good = SPS30.measurementReply([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        var bad = good
        bad[bad.count - 2] ^= 0x01
        var d = SHDLCDecoder()
        let events = d.feed(hex("0102037D") + bad + hex("55") + good)
        let frames = events.compactMap { if case .message(let m) = $0 { m } else { nil } }
        #expect(frames.count == 1)
        #expect(d.failures[.checksum] == 1)
        #expect(d.failures[.framing] == 2)
        good.removeFirst()
        // Starting mid-frame: the tail is garbage, the next frame decodes.
        var e = SHDLCDecoder()
        #expect(e.messages(in: good + SPS30.measurementReply([1])).count == 1)
        #expect(e.failures[.framing] == 1)
    }

    @Test func anEndlessFrameStaysBounded() {
        var d = SHDLCDecoder()
        _ = d.feed([0x7E] + [UInt8](repeating: 0x42, count: 5000))
        #expect(d.bufferedCount <= SHDLCDecoder.maximumBuffered)
        #expect(d.failures[.framing] == 1)
    }
}
