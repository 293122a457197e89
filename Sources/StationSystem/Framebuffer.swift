#if canImport(Glibc)
import Glibc
#endif

/// The geometry and pixel format of a Linux framebuffer, from
/// `FBIOGET_VSCREENINFO` and `FBIOGET_FSCREENINFO`.
public struct FramebufferGeometry: Sendable, Equatable {
    /// One colour channel's place in a pixel (`struct fb_bitfield`).
    public struct Channel: Sendable, Equatable {
        public var offset: Int
        public var length: Int
        public init(offset: Int, length: Int) {
            self.offset = offset
            self.length = length
        }
    }
    public var width: Int
    public var height: Int
    public var bitsPerPixel: Int
    /// Bytes from one row to the next (may exceed `width * bpp / 8`).
    public var lineLength: Int
    /// The size of the mapping (`smem_len`).
    public var memoryLength: Int
    public var red: Channel
    public var green: Channel
    public var blue: Channel

    public init(width: Int, height: Int, bitsPerPixel: Int, lineLength: Int, memoryLength: Int, red: Channel, green: Channel, blue: Channel) {
        self.width = width
        self.height = height
        self.bitsPerPixel = bitsPerPixel
        self.lineLength = lineLength
        self.memoryLength = memoryLength
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `struct fb_var_screeninfo` is 160 bytes on every ABI: 40 `__u32`.
    static let varSize = 160
    /// `struct fb_fix_screeninfo` holds two `unsigned long`s, so its layout
    /// depends on the word size (68 bytes on 32-bit ARM, 80 on 64-bit).
    static let fixSize = MemoryLayout<UInt>.size == 8 ? 80 : 68

    /// Parses the two structures' raw bytes as the kernel filled them.
    public static func parse(variable v: [UInt8], fixed f: [UInt8]) -> FramebufferGeometry {
        func u32(_ bytes: [UInt8], _ at: Int) -> Int {
            Int(UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
        }
        let word = MemoryLayout<UInt>.size
        // fix: char id[16]; unsigned long smem_start; __u32 smem_len, type,
        // type_aux, visual; __u16 xpanstep, ypanstep, ywrapstep; __u32 line_length.
        let smemLen = 16 + word
        let lineLength = word == 8 ? 48 : 40
        return FramebufferGeometry(
            width: u32(v, 0), height: u32(v, 4), bitsPerPixel: u32(v, 24),
            lineLength: u32(f, lineLength), memoryLength: u32(f, smemLen),
            red: Channel(offset: u32(v, 32), length: u32(v, 36)),
            green: Channel(offset: u32(v, 44), length: u32(v, 48)),
            blue: Channel(offset: u32(v, 56), length: u32(v, 60)))
    }
}

/// An open, memory-mapped `/dev/fbN`.
public final class Framebuffer: @unchecked Sendable {
    static let getVariableInfo: UInt = 0x4600  // FBIOGET_VSCREENINFO
    static let getFixedInfo: UInt = 0x4602  // FBIOGET_FSCREENINFO
    public let path: String
    public let geometry: FramebufferGeometry
    private let fd: FileDescriptor
    /// The mapping; only `write(_:)` touches it, from one caller at a time
    /// (the display service's loop), which is why this class may be Sendable.
    private let memory: UnsafeMutableRawPointer

    /// Opens the device, reads its geometry (`ioctl`) and maps `smem_len`
    /// bytes at offset 0 (`mmap`).
    public init(path: String) throws(SystemError) {
        self.path = path
        fd = try FileDescriptor.open(path, O_RDWR)
        let raw = fd.rawValue
        var variable = [UInt8](repeating: 0, count: FramebufferGeometry.varSize)
        var fixed = [UInt8](repeating: 0, count: FramebufferGeometry.fixSize)
        do throws(SystemError) {
            _ = try retryingEINTR("ioctl(FBIOGET_VSCREENINFO)", subject: path) {
                variable.withUnsafeMutableBytes { ioctl(raw, Self.getVariableInfo, $0.baseAddress!) }
            }
            _ = try retryingEINTR("ioctl(FBIOGET_FSCREENINFO)", subject: path) {
                fixed.withUnsafeMutableBytes { ioctl(raw, Self.getFixedInfo, $0.baseAddress!) }
            }
        } catch {
            fd.close()
            throw error
        }
        geometry = FramebufferGeometry.parse(variable: variable, fixed: fixed)
        guard let mapped = mmap(nil, geometry.memoryLength, PROT_READ | PROT_WRITE, MAP_SHARED, raw, 0), mapped != MAP_FAILED else {
            let code = errno
            fd.close()
            throw SystemError(call: "mmap", errno: code, subject: path)
        }
        memory = mapped
    }

    deinit {
        munmap(memory, geometry.memoryLength)
        fd.close()
    }

    /// Copies a whole frame, already in the device's pixel format and row
    /// stride, into the mapping.
    public func write(_ frame: [UInt8]) {
        frame.withUnsafeBytes { source in
            memory.copyMemory(from: source.baseAddress!, byteCount: min(frame.count, geometry.memoryLength))
        }
    }
}
