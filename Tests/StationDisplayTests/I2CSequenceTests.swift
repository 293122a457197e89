import StationDisplay
import StationSystem
import StationTesting
import Testing

/// The exact bytes the panel drivers put on the I2C bus (PROTOCOLS.md section 5).
@Suite struct I2CSequenceTests {
    @Test func ssd1306InitIsOneCommandTransaction() throws {
        let bus = RecordingI2CBus()
        try SSD1306Panel(bus: bus).prepare()
        #expect(bus.events == [.write([
            0x00, 0xAE, 0xD5, 0x80, 0xA8, 0x3F, 0xD3, 0x00, 0x40, 0x8D, 0x14, 0x20, 0x00, 0xA1, 0xC8,
            0xDA, 0x12, 0x81, 0xCF, 0xD9, 0xF1, 0xDB, 0x40, 0xA4, 0xA6, 0x2E, 0xAF,
        ])])
    }

    @Test func ssd1306FrameIsWindowThenPagesInChunks() throws {
        var canvas = Canvas.mono(width: 128, height: 64)
        canvas.plot(0, 0, 1)  // page 0, column 0, bit 0
        canvas.plot(127, 63, 1)  // page 7, column 127, bit 7
        canvas.fill(x: 5, y: 8, width: 1, height: 8, 1)  // page 1, column 5: all bits
        canvas.plot(6, 10, 1)  // page 1, column 6, bit 2
        let bus = RecordingI2CBus()
        try SSD1306Panel(bus: bus).show(DisplayFrame(layout: .mono128x64, canvas: canvas))
        let writes = bus.writes
        #expect(writes.first == [0x00, 0x21, 0x00, 0x7F, 0x22, 0x00, 0x07])
        #expect(writes.count == 1 + 32)
        #expect(writes.dropFirst().allSatisfy { $0.count == 33 && $0[0] == 0x40 })
        var expected = [UInt8](repeating: 0, count: 1024)
        expected[0] = 0x01
        expected[128 + 5] = 0xFF
        expected[128 + 6] = 0x04
        expected[1023] = 0x80
        #expect(Array(writes.dropFirst().map { $0.dropFirst() }.joined()) == expected)
    }

    /// E high then E low, backlight (0x08) always on, RS (0x01) for data.
    static func nibble(_ n: UInt8, rs: Bool = false) -> RecordingI2CBus.Event {
        let b = n << 4 | 0x08 | (rs ? 0x01 : 0)
        return .write([b | 0x04, b])
    }
    static func byte(_ v: UInt8, rs: Bool = false) -> [RecordingI2CBus.Event] { [nibble(v >> 4, rs: rs), nibble(v & 0xF, rs: rs)] }

    @Test func hd44780InitFollowsTheFourBitSequence() throws {
        let bus = RecordingI2CBus()
        try HD44780Panel(bus: bus).prepare()
        let events = bus.events
        let expectedStart: [RecordingI2CBus.Event] = [
            .delay(50_000), .write([0x3C, 0x38]), .delay(4500), .write([0x3C, 0x38]), .delay(4500),
            .write([0x3C, 0x38]), .delay(100), .write([0x2C, 0x28]), .delay(0),
            .write([0x2C, 0x28]), .write([0x8C, 0x88]),  // 0x28 function set
            .write([0x0C, 0x08]), .write([0xCC, 0xC8]),  // 0x0C display on
            .write([0x0C, 0x08]), .write([0x1C, 0x18]), .delay(2000),  // 0x01 clear
            .write([0x0C, 0x08]), .write([0x6C, 0x68]),  // 0x06 entry mode
            .write([0x4C, 0x48]), .write([0x0C, 0x08]),  // 0x40 CGRAM address 0
        ]
        #expect(Array(events.prefix(expectedStart.count)) == expectedStart)
        // Seven custom characters of eight rows, as data; the first is Ä:
        // row 0 is its dots, X...X = 0x11.
        let cgram = events.dropFirst(expectedStart.count)
        #expect(cgram.count == 7 * 8 * 2)
        #expect(Array(cgram.prefix(2)) == Self.byte(0x11, rs: true))
        #expect(Array(cgram.suffix(2)) == Self.byte(0x00, rs: true))
    }

    @Test func hd44780FrameAddressesEachRowThenWritesTwentyCharacters() throws {
        let bus = RecordingI2CBus()
        let lines = ["Hallo", "ä Ä µ ³", "", "~"]
        try HD44780Panel(bus: bus).show(DisplayFrame(layout: .text20x4, canvas: TextLayout.canvas(lines), lines: lines))
        let events = bus.events
        #expect(events.count == 4 * (1 + 20) * 2)
        #expect(Array(events.prefix(4)) == Self.byte(0x80) + Self.byte(0x48, rs: true))
        let rowStride = 21 * 2
        for (row, offset) in [UInt8(0x00), 0x40, 0x14, 0x54].enumerated() {
            #expect(Array(events[row * rowStride..<row * rowStride + 2]) == Self.byte(0x80 | offset))
        }
        let second = Array(events[rowStride + 2..<rowStride + 2 + 14])
        // ä is ROM 0xE1, Ä CGRAM slot 0, µ ROM 0xE4, ³ CGRAM slot 4.
        #expect(second == [0xE1, 0x20, 0x00, 0x20, 0xE4, 0x20, 0x04].flatMap { Self.byte($0, rs: true) })
        // '~' is an arrow in the A00 ROM, so it is shown as '?'.
        #expect(Array(events[3 * rowStride + 2..<3 * rowStride + 4]) == Self.byte(0x3F, rs: true))
    }

    @Test func aBusErrorReachesTheCaller() throws {
        let bus = RecordingI2CBus()
        bus.failWrites(SystemError(call: "write", errno: 121, subject: "/dev/i2c-1"))
        #expect(throws: SystemError.self) { try SSD1306Panel(bus: bus).prepare() }
    }
}
