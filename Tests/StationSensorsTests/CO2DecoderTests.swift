import StationSensors
import Testing

@Suite struct MHZ19BDecoderTests {
    @Test func decodesTheExample() {
        var d = MHZ19BDecoder()
        let frames = d.messages(in: hex("FF86027C42000000BA"))
        #expect(frames.map(\.values) == [[SensorValue("co2", 636, "ppm")]])
        #expect(Hex.encode(MHZ19BEncoder.readReply(ppm: 636)) == "FF86027C42000000BA")
    }

    @Test func encodesEveryCommandByteExactly() {
        #expect(Hex.encode(MHZ19BEncoder.readCO2()) == "FF0186000000000079")
        #expect(Hex.encode(MHZ19BEncoder.setABC(true)) == "FF0179A000000000E6")
        #expect(Hex.encode(MHZ19BEncoder.setABC(false)) == "FF0179000000000086")
        #expect(Hex.encode(MHZ19BEncoder.zeroCalibration()) == "FF0187000000000078")
        #expect(Hex.encode(MHZ19BEncoder.setRange(5000)) == "FF01990000001388CB")
    }

    @Test func resyncOnFFInsideGarbageAndBytewise() {
        var bad = hex("FF86027C42000000BA")
        bad[3] = 0x7D
        var d = MHZ19BDecoder()
        let events = d.feedBytewise(hex("FFFF00") + bad + hex("FF86027C42000000BA"))
        let frames = events.compactMap { if case .message(let m) = $0 { m } else { nil } }
        #expect(frames.count == 1)
        #expect(frames.first?.co2 == 636)
        #expect(d.failures[.checksum] >= 1)
    }
}

@Suite struct SenseairS8Tests {
    @Test func requestsAndTheExampleReply() throws {
        #expect(Hex.encode(SenseairS8.readCO2()) == "FE0400030001D5C5")
        #expect(Hex.encode(SenseairS8.readStatus()) == "FE040000000125C5")
        var d = ModbusDecoder()
        let frames = d.messages(in: hex("FE04020190ACD8"))
        try #require(frames.count == 1)
        #expect(try SenseairS8.values(frames[0]).get() == [SensorValue("co2", 400, "ppm")])
        #expect(Hex.encode(ModbusEncoder.readReply(address: 0xFE, function: 4, words: [400])) == "FE04020190ACD8")
    }

    @Test func crcOfTheStandardCheckString() {
        // CRC-16/MODBUS check value over "123456789".
        #expect(ModbusCRC.compute(Array("123456789".utf8)) == 0x4B37)
    }

    @Test func exceptionIsADeviceErrorAndResyncWorks() throws {
        var d = ModbusDecoder()
        var bad = hex("FE04020190ACD8")
        bad[4] ^= 0x10
        let exception = ModbusEncoder.exception(address: 0xFE, function: 4, code: 2)
        let frames = d.feedBytewise(hex("00FE99") + bad + exception + hex("FE04020190ACD8"))
            .compactMap { if case .message(let m) = $0 { m } else { nil } }
        try #require(frames.count == 2)
        #expect(SenseairS8.values(frames[0]) == .failure(.deviceError))
        #expect(try SenseairS8.values(frames[1]).get().first?.value == 400)
        #expect(d.failures[.checksum] == 1)
    }

    @Test func requestsAreFoundByTheDeviceSide() {
        var d = ModbusDecoder(role: .requests, address: 0xFE)
        #expect(d.messages(in: SenseairS8.readCO2()) == [ModbusFrame(address: 0xFE, function: 4, payload: [0, 3, 0, 1])])
    }
}

@Suite struct SCD30Tests {
    @Test func encodesEveryCommandByteExactly() {
        #expect(Hex.encode(SCD30.startContinuous()) == "6106003600006064")
        #expect(Hex.encode(SCD30.stopContinuous()) == "610600370001F064")
        #expect(Hex.encode(SCD30.setInterval(seconds: 2)) == "6106002500021060")
        #expect(Hex.encode(SCD30.dataReady()) == "6103002700013DA1")
        #expect(Hex.encode(SCD30.readMeasurement()) == "6103002800064C60")
        #expect(Hex.encode(SCD30.softReset()) == "6106003400010064")
    }

    @Test func decodesAMeasurementReply() throws {
        // Floats from Sensirion's interface description example: 439.09 ppm, 27.24 degC, 48.81 %.
        let reply = ModbusEncoder.readReply(address: 0x61, function: 3, words: [0x43DB, 0x8C2E, 0x41D9, 0xE7FF, 0x4243, 0x3A1B])
        #expect(Hex.encode(reply.prefix(15)) == "61030C43DB8C2E41D9E7FF42433A1B")
        var d = ModbusDecoder(address: SCD30.address)
        let frames = d.feedBytewise(hex("6103") + reply).compactMap { if case .message(let m) = $0 { m } else { nil } }
        try #require(frames.count == 1)
        let m = frames[0]
        let v = table(try SCD30.values(m).get())
        #expect(abs(v["co2"]! - 439.09) < 0.01)
        #expect(abs(v["temperature"]! - 27.24) < 0.01)
        #expect(abs(v["relative_humidity"]! - 48.81) < 0.01)
    }

    @Test func roundTripsTheEmulatorsWordsAndDataReady() throws {
        let words = SCD30.measurementWords(co2: 612.5, temperature: 21.25, humidity: 40.5)
        var d = ModbusDecoder()
        let frame = try #require(d.messages(in: ModbusEncoder.readReply(address: 0x61, function: 3, words: words)).first)
        #expect(try SCD30.values(frame).get() == [SensorValue("co2", 612.5, "ppm"), SensorValue("temperature", 21.25, "degC"), SensorValue("relative_humidity", 40.5, "%")])
        let ready = try #require(d.messages(in: ModbusEncoder.readReply(address: 0x61, function: 3, words: [1])).first)
        #expect(SCD30.isDataReady(ready) == true)
        #expect(SCD30.values(ready) == .failure(.unexpectedReply))
    }
}
