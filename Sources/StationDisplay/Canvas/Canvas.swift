/// An sRGB colour.
public struct RGB: Sendable, Hashable {
    public var r: UInt8, g: UInt8, b: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }
}

/// A drawing surface of palette indices: a 1-bit canvas has the palette
/// black/white, a colour canvas the display's few colours. Indices keep
/// frames small, make "did anything change" a plain comparison, and give
/// small indexed PNGs.
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let palette: [RGB]
    /// Row-major palette indices.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, palette: [RGB], fill: UInt8 = 0) {
        precondition(palette.count >= 2 && palette.count <= 256)
        self.width = width
        self.height = height
        self.palette = palette
        pixels = [UInt8](repeating: fill, count: width * height)
    }

    /// Black and white: index 0 off, 1 on.
    public static func mono(width: Int, height: Int) -> Canvas {
        Canvas(width: width, height: height, palette: [RGB(0, 0, 0), RGB(255, 255, 255)])
    }

    public var isMono: Bool { palette.count == 2 }

    public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// Sets one pixel; outside the canvas is clipped, not an error.
    public mutating func plot(_ x: Int, _ y: Int, _ colour: UInt8) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        pixels[y * width + x] = colour
    }

    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, _ colour: UInt8) {
        let x0 = max(0, x), x1 = min(width, x + w), y0 = max(0, y), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for yy in y0..<y1 {
            for xx in x0..<x1 { pixels[yy * width + xx] = colour }
        }
    }

    /// A one-pixel outline.
    public mutating func frame(x: Int, y: Int, width w: Int, height h: Int, _ colour: UInt8) {
        fill(x: x, y: y, width: w, height: 1, colour)
        fill(x: x, y: y + h - 1, width: w, height: 1, colour)
        fill(x: x, y: y, width: 1, height: h, colour)
        fill(x: x + w - 1, y: y, width: 1, height: h, colour)
    }

    /// The canvas moved by (dx, dy), uncovered pixels set to index 0: the
    /// OLED's burn-in shift.
    public func shifted(dx: Int, dy: Int) -> Canvas {
        var out = Canvas(width: width, height: height, palette: palette)
        for y in 0..<height {
            for x in 0..<width {
                let sx = x - dx, sy = y - dy
                if sx >= 0, sy >= 0, sx < width, sy < height { out.pixels[y * width + x] = pixels[sy * width + sx] }
            }
        }
        return out
    }

    /// The colour of each pixel, row-major.
    public var rgb: [RGB] { pixels.map { palette[Int($0)] } }
}
