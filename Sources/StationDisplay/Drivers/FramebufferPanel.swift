import StationSystem

/// A Linux framebuffer (`/dev/fbN`), 16 or 32 bits per pixel: the frame is
/// converted to the device's pixel format and copied into the mapping,
/// centred when the screen is larger than the layout.
public final class FramebufferPanel: DisplayPanel {
    public let layout: DisplayLayout
    private let device: Framebuffer

    /// Opens and maps `path`; the layout is the largest that fits the screen.
    public init(path: String) throws {
        device = try Framebuffer(path: path)
        let g = device.geometry
        guard g.bitsPerPixel == 16 || g.bitsPerPixel == 32 else {
            throw DisplayError("\(path) has \(g.bitsPerPixel) bits per pixel; the display supports 16 and 32")
        }
        layout = DisplayLayout.colour(width: g.width, height: g.height)
    }

    public func show(_ frame: DisplayFrame) throws {
        device.write(FramebufferPacking.pack(frame.canvas, into: device.geometry))
    }
}

/// Canvas to framebuffer memory, in the format the kernel describes.
public enum FramebufferPacking {
    /// The whole mapping: each pixel at `y * line_length + x * bpp / 8`,
    /// little-endian, each channel's top `length` bits at its `offset`;
    /// the canvas centred, the rest black.
    public static func pack(_ canvas: Canvas, into g: FramebufferGeometry) -> [UInt8] {
        let bytesPerPixel = g.bitsPerPixel / 8
        var out = [UInt8](repeating: 0, count: max(g.memoryLength, g.lineLength * g.height))
        let values = canvas.palette.map { c -> UInt32 in
            func channel(_ v: UInt8, _ ch: FramebufferGeometry.Channel) -> UInt32 {
                ch.length == 0 ? 0 : (UInt32(v) >> UInt32(8 - min(8, ch.length))) << UInt32(ch.offset)
            }
            return channel(c.r, g.red) | channel(c.g, g.green) | channel(c.b, g.blue)
        }
        let left = max(0, (g.width - canvas.width) / 2), top = max(0, (g.height - canvas.height) / 2)
        for y in 0..<min(canvas.height, g.height) {
            for x in 0..<min(canvas.width, g.width) {
                let value = values[Int(canvas[x, y])]
                let at = (y + top) * g.lineLength + (x + left) * bytesPerPixel
                for i in 0..<bytesPerPixel where at + i < out.count { out[at + i] = UInt8(value >> UInt32(8 * i) & 0xFF) }
            }
        }
        return out
    }
}

/// A display that cannot be used as configured.
public struct DisplayError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
