import StationSystem

/// A 128x64 SSD1306 OLED on I2C (PROTOCOLS.md section 5): control byte
/// 0x00 before commands, 0x40 before display data; horizontal addressing,
/// so one window command and 1024 bytes fill the screen.
public struct SSD1306Panel: DisplayPanel {
    public let layout = DisplayLayout.mono128x64
    public var needsBurnInShift: Bool { true }
    let bus: any I2CTransport

    /// The data is sent in pieces of this many bytes: SMBus-limited
    /// adapters and many i2c-dev drivers refuse longer messages.
    static let chunk = 32

    /// Display off; clock; multiplex 64; offset 0; start line 0; charge pump
    /// on; horizontal addressing; segment remap and COM scan reversed (the
    /// usual module orientation); COM pins; contrast; precharge; VCOMH;
    /// resume from RAM; normal (not inverted); scrolling off; display on.
    static let initSequence: [UInt8] = [
        0xAE, 0xD5, 0x80, 0xA8, 0x3F, 0xD3, 0x00, 0x40, 0x8D, 0x14, 0x20, 0x00, 0xA1, 0xC8,
        0xDA, 0x12, 0x81, 0xCF, 0xD9, 0xF1, 0xDB, 0x40, 0xA4, 0xA6, 0x2E, 0xAF,
    ]
    /// Column 0-127, page 0-7.
    static let window: [UInt8] = [0x21, 0x00, 0x7F, 0x22, 0x00, 0x07]

    public init(bus: any I2CTransport) { self.bus = bus }

    public func prepare() throws { try bus.write([0x00] + Self.initSequence) }

    public func show(_ frame: DisplayFrame) throws {
        try bus.write([0x00] + Self.window)
        let data = Self.pages(frame.canvas)
        for start in stride(from: 0, to: data.count, by: Self.chunk) {
            try bus.write([0x40] + data[start..<min(data.count, start + Self.chunk)])
        }
    }

    /// The controller's memory: page p, column x holds pixels (x, 8p...8p+7),
    /// bit 0 the top one. A pixel is lit when its palette index is not 0.
    public static func pages(_ canvas: Canvas) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 1024)
        for page in 0..<8 {
            for x in 0..<min(128, canvas.width) {
                var byte: UInt8 = 0
                for bit in 0..<8 where page * 8 + bit < canvas.height && canvas[x, page * 8 + bit] != 0 {
                    byte |= 1 << UInt8(bit)
                }
                out[page * 128 + x] = byte
            }
        }
        return out
    }
}
