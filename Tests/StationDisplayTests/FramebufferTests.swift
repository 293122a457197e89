import StationDisplay
import StationSystem
import Testing

/// The framebuffer's structures as the kernel fills them, and pixel packing.
@Suite struct FramebufferTests {
    static func le(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }

    @Test func parsesVariableAndFixedInfo() {
        var variable = [UInt8](repeating: 0, count: 160)
        for (at, v) in [(0, 480), (4, 320), (24, 16), (32, 11), (36, 5), (44, 5), (48, 6), (56, 0), (60, 5)] {
            variable.replaceSubrange(at..<at + 4, with: Self.le(v))
        }
        var fixed = [UInt8](repeating: 0, count: MemoryLayout<UInt>.size == 8 ? 80 : 68)
        let word = MemoryLayout<UInt>.size
        fixed.replaceSubrange(16 + word..<20 + word, with: Self.le(307_200))
        let lineAt = word == 8 ? 48 : 40
        fixed.replaceSubrange(lineAt..<lineAt + 4, with: Self.le(960))
        let g = FramebufferGeometry.parse(variable: variable, fixed: fixed)
        #expect(g == FramebufferGeometry(
            width: 480, height: 320, bitsPerPixel: 16, lineLength: 960, memoryLength: 307_200,
            red: .init(offset: 11, length: 5), green: .init(offset: 5, length: 6), blue: .init(offset: 0, length: 5)))
    }

    @Test func packsRGB565AndXRGB8888() {
        var canvas = Canvas(width: 2, height: 1, palette: [RGB(0, 0, 0), RGB(255, 128, 8)])
        canvas[1, 0] = 1
        let rgb565 = FramebufferGeometry(
            width: 4, height: 2, bitsPerPixel: 16, lineLength: 10, memoryLength: 20,
            red: .init(offset: 11, length: 5), green: .init(offset: 5, length: 6), blue: .init(offset: 0, length: 5))
        // Centred: column 1 + 1, row 0 + 0 (2x1 in 4x2: left 1, top 0).
        let packed = FramebufferPacking.pack(canvas, into: rgb565)
        // r 31 << 11 | g 32 << 5 | b 1 = 0xFC01, little-endian.
        #expect(Array(packed[4..<6]) == [0x01, 0xFC])
        #expect(packed.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 5 || $0.element == 0 })

        let xrgb = FramebufferGeometry(
            width: 2, height: 1, bitsPerPixel: 32, lineLength: 8, memoryLength: 8,
            red: .init(offset: 16, length: 8), green: .init(offset: 8, length: 8), blue: .init(offset: 0, length: 8))
        #expect(FramebufferPacking.pack(canvas, into: xrgb) == [0, 0, 0, 0, 0x08, 0x80, 0xFF, 0])
    }
}

/// A device that is not a framebuffer is refused with the call that failed.
@Suite struct FramebufferOpenTests {
    @Test func aCharacterDeviceThatIsNotAFramebufferIsRefused() throws {
        #expect(throws: SystemError(call: "ioctl(FBIOGET_VSCREENINFO)", errno: 25, subject: "/dev/null")) {
            _ = try Framebuffer(path: "/dev/null")
        }
    }
}
