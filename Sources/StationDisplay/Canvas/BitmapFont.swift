/// A fixed-size bitmap font: each glyph is `height` rows of `width` bits.
public struct BitmapFont: Sendable {
    public let width: Int
    public let height: Int
    /// Horizontal distance from one character to the next.
    public let advance: Int
    /// Rows, most significant of `width` bits = leftmost pixel.
    let glyphs: [Character: [UInt32]]

    init(width: Int, height: Int, advance: Int, glyphs: [Character: [UInt32]]) {
        self.width = width
        self.height = height
        self.advance = advance
        self.glyphs = glyphs
    }

    /// The glyph rows of `c`; an unknown character is drawn as a box so
    /// that a missing glyph is seen, not silently dropped.
    func rows(_ c: Character) -> [UInt32] {
        if let g = glyphs[c] { return g }
        let full = UInt32(1) << UInt32(width) - 1
        let side = UInt32(1) << UInt32(width - 1) | 1
        return [full] + Array(repeating: side, count: height - 2) + [full]
    }

    public func covers(_ c: Character) -> Bool { glyphs[c] != nil }

    /// Width in pixels of `text` at `scale`.
    public func width(of text: String, scale: Int = 1) -> Int {
        text.isEmpty ? 0 : (text.count * advance - (advance - width)) * scale
    }

    /// 5x7 glyphs in a 6-pixel advance: the classic LCD font.
    public static let small: BitmapFont = {
        var glyphs: [Character: [UInt32]] = [:]
        for (c, columns) in Font5x7.columns {
            glyphs[c] = (0..<7).map { row in
                columns.enumerated().reduce(UInt32(0)) { acc, col in
                    acc | (col.element >> UInt8(row) & 1 == 1 ? UInt32(1) << UInt32(4 - col.offset) : 0)
                }
            }
        }
        return BitmapFont(width: 5, height: 7, advance: 6, glyphs: glyphs)
    }()

    /// 10x14 glyphs: the small font doubled with EPX (Scale2x), which keeps
    /// diagonals smooth instead of stair-stepped.
    public static let large: BitmapFont = {
        var glyphs: [Character: [UInt32]] = [:]
        for (c, rows) in small.glyphs { glyphs[c] = Scale2x.scale(rows, width: small.width) }
        return BitmapFont(width: 10, height: 14, advance: 12, glyphs: glyphs)
    }()
}

extension Canvas {
    /// Draws `text` with its top-left corner at (x, y), each font pixel as a
    /// `scale` x `scale` block; returns the x after the text.
    @discardableResult
    public mutating func text(_ text: String, x: Int, y: Int, font: BitmapFont, scale: Int = 1, _ colour: UInt8) -> Int {
        var cx = x
        for c in text {
            let rows = font.rows(c)
            for (r, bits) in rows.enumerated() {
                for col in 0..<font.width where bits >> UInt32(font.width - 1 - col) & 1 == 1 {
                    fill(x: cx + col * scale, y: y + r * scale, width: scale, height: scale, colour)
                }
            }
            cx += font.advance * scale
        }
        return cx
    }
}
