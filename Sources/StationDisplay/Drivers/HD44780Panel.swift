import StationSystem

/// A 20x4 HD44780 character LCD behind a PCF8574 I2C backpack
/// (PROTOCOLS.md section 5): P0 RS, P1 RW, P2 E, P3 backlight, P4-P7 D4-D7;
/// 4-bit mode, each byte as high then low nibble.
public struct HD44780Panel: DisplayPanel {
    public let layout = DisplayLayout.text20x4
    let bus: any I2CTransport

    static let rs: UInt8 = 0x01, enable: UInt8 = 0x04, backlight: UInt8 = 0x08
    static let rowOffsets: [UInt8] = [0x00, 0x40, 0x14, 0x54]

    /// Characters the ROM (code page A00, the common one) lacks, given to
    /// CGRAM slots 0-7 in this order and drawn with our own font.
    static let customCharacters: [Character] = ["Ä", "Ö", "Ü", "₂", "³", "²", "·"]
    /// Characters A00 has outside ASCII.
    static let romCharacters: [Character: UInt8] = ["ä": 0xE1, "ß": 0xE2, "µ": 0xE4, "ö": 0xEF, "ü": 0xF5, "°": 0xDF]

    public init(bus: any I2CTransport) { self.bus = bus }

    /// The 4-bit init of the datasheet's figure 24, then function set (2
    /// lines, 5x8), display on, clear, entry mode left-to-right, and the
    /// custom characters.
    public func prepare() throws {
        bus.delay(microseconds: 50_000)
        for (nibble, wait) in [(UInt8(0x03), 4500), (0x03, 4500), (0x03, 100), (0x02, 0)] {
            try writeNibble(nibble, rs: false)
            bus.delay(microseconds: wait)
        }
        try command(0x28)
        try command(0x0C)
        try command(0x01)
        bus.delay(microseconds: 2000)
        try command(0x06)
        try command(0x40)  // CGRAM address 0; the data auto-increments
        for c in Self.customCharacters {
            for row in BitmapFont.small.rows(c) + [0] { try data(UInt8(row)) }
        }
    }

    public func show(_ frame: DisplayFrame) throws {
        let lines = frame.lines ?? []
        for row in 0..<TextLayout.rows {
            try command(0x80 | Self.rowOffsets[row])
            let line = row < lines.count ? Array(lines[row]) : []
            for col in 0..<TextLayout.columns { try data(Self.code(col < line.count ? line[col] : " ")) }
        }
    }

    /// The character's code in the LCD's character generator; `?` for
    /// anything it cannot show.
    public static func code(_ c: Character) -> UInt8 {
        if let slot = customCharacters.firstIndex(of: c) { return UInt8(slot) }
        if let rom = romCharacters[c] { return rom }
        // A00 puts ¥ at 0x5C and → at 0x7E: not what the text means.
        if let ascii = c.asciiValue, ascii >= 0x20, ascii < 0x7F, c != "\\", c != "~" { return ascii }
        return UInt8(ascii: "?")
    }

    func command(_ byte: UInt8) throws { try write(byte, rs: false) }
    func data(_ byte: UInt8) throws { try write(byte, rs: true) }

    func write(_ byte: UInt8, rs: Bool) throws {
        try writeNibble(byte >> 4, rs: rs)
        try writeNibble(byte & 0x0F, rs: rs)
    }

    /// One nibble on D4-D7 with E pulsed: a two-byte transaction (E high,
    /// then E low); at 100 kHz each byte lasts 90 µs, far above E's 450 ns.
    func writeNibble(_ nibble: UInt8, rs: Bool) throws {
        let byte = nibble << 4 | Self.backlight | (rs ? Self.rs : 0)
        try bus.write([byte | Self.enable, byte])
    }
}
