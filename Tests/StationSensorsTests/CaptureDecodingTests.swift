import StationSensors
import Testing

@Suite struct CaptureDecodingTests {
    @Test func everyModelDecodesItsExample() throws {
        #expect(try SerialModel.sds011.decodeCapture(hex("AAC0D4043A0AA1601DAB")).get().count == 2)
        #expect(try SerialModel.pms7003.decodeCapture(hex("424D001C000000050005000000050005008A002E0017000F0000000097000234")).get().count == 12)
        #expect(try SerialModel.mhz19b.decodeCapture(hex("FF86027C42000000BA")).get() == [SensorValue("co2", 636, "ppm")])
        #expect(try SerialModel.s8.decodeCapture(hex("FE04020190ACD8")).get() == [SensorValue("co2", 400, "ppm")])
        #expect(try SerialModel.sps30.decodeCapture(SPS30.measurementReply([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).get().count == 10)
    }

    @Test func reasonsNameTheProblem() {
        #expect(SerialModel.sds011.decodeCapture(hex("AAC0D4043A0AA1601D")) == .failure(CaptureError(.framing, "a sds011 frame is 10 bytes, got 9")))
        #expect(SerialModel.mhz19b.decodeCapture(hex("FF86027C42000000BB")) == .failure(CaptureError(.checksum, "bad checksum in the mhz19b frame")))
        if case .failure(let e) = SerialModel.sps30.decodeCapture(SHDLC.encode(address: 0, command: 3, state: 0x43)) {
            #expect(e.reason == .commandNotAllowed)
        } else {
            Issue.record("a refused command decoded")
        }
    }
}
