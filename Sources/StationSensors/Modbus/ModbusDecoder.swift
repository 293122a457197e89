/// One Modbus RTU frame without its CRC.
public struct ModbusFrame: Sendable, Equatable {
    public var address: UInt8
    /// The function code; bit 7 set means an exception reply.
    public var function: UInt8
    /// Everything between the function code and the CRC.
    public var payload: [UInt8]

    public init(address: UInt8, function: UInt8, payload: [UInt8]) {
        self.address = address
        self.function = function
        self.payload = payload
    }

    public var isException: Bool { function & 0x80 != 0 }

    /// The register words of a read reply (03/04: byte count, then words).
    public var registers: [UInt16]? {
        guard function == 0x03 || function == 0x04, let count = payload.first,
              Int(count) == payload.count - 1, count % 2 == 0 else { return nil }
        return (0..<Int(count / 2)).map { Bytes.bigEndian16(payload, 1 + 2 * $0) }
    }
}

/// Finds Modbus RTU frames in a byte stream. RTU frames are delimited by
/// silence, which a stream does not keep, so a frame is recognised by its
/// function code, the length that code implies, and the CRC.
public struct ModbusDecoder: FrameDecoder, Sendable {
    /// Which side's frames to find.
    public enum Role: Sendable {
        /// Replies from a device (the host's decoder).
        case replies
        /// Requests from the host (the emulator's decoder).
        case requests
    }

    /// 3 + 255 bytes of data + CRC.
    public static let maximumBuffered = 260
    private var hunter = FrameHunter(capacity: maximumBuffered)
    private let role: Role
    private let address: UInt8?

    /// `address`: only frames for this address (nil: any).
    public init(role: Role = .replies, address: UInt8? = nil) {
        self.role = role
        self.address = address
    }

    public var bufferedCount: Int { hunter.buffer.count }
    public var failures: FailureCounts { hunter.failures }
    public mutating func reset() { hunter.reset() }

    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [DecodeEvent<ModbusFrame>] {
        let role = role, address = address
        return hunter.feed(bytes, judge: { Self.judge($0, role: role, address: address) }) {
            ModbusFrame(address: $0[0], function: $0[1], payload: Array($0[2..<($0.count - 2)]))
        }
    }

    static func judge(_ b: [UInt8], role: Role, address: UInt8?) -> FrameHunter.Verdict {
        if let address, b[0] != address { return .notAFrame }
        guard b.count >= 2 else { return .needMore }
        let length: Int
        switch (role, b[1]) {
        case (.replies, 0x03), (.replies, 0x04):
            guard b.count >= 3 else { return .needMore }
            guard b[2] > 0, b[2] % 2 == 0 else { return .notAFrame }
            length = 5 + Int(b[2])
        case (.replies, 0x06), (.requests, 0x03), (.requests, 0x04), (.requests, 0x06):
            length = 8
        case (.replies, 0x83), (.replies, 0x84), (.replies, 0x86):
            length = 5
        default:
            return .notAFrame
        }
        guard b.count >= length else { return .needMore }
        return ModbusCRC.matches(b, length: length) ? .frame(length: length) : .badChecksum
    }
}

/// Builds Modbus RTU requests and replies byte-exactly.
public enum ModbusEncoder {
    /// Read holding (03) or input (04) registers.
    public static func read(address: UInt8, function: UInt8, register: UInt16, count: UInt16) -> [UInt8] {
        ModbusCRC.appending(to: [address, function] + Bytes.bigEndian(register) + Bytes.bigEndian(count))
    }

    /// Write a single holding register (06); the reply echoes the request.
    public static func writeSingle(address: UInt8, register: UInt16, value: UInt16) -> [UInt8] {
        ModbusCRC.appending(to: [address, 0x06] + Bytes.bigEndian(register) + Bytes.bigEndian(value))
    }

    /// A read reply carrying `words`.
    public static func readReply(address: UInt8, function: UInt8, words: [UInt16]) -> [UInt8] {
        ModbusCRC.appending(to: [address, function, UInt8(words.count * 2)] + words.flatMap(Bytes.bigEndian))
    }

    /// An exception reply (function | 0x80, exception code).
    public static func exception(address: UInt8, function: UInt8, code: UInt8) -> [UInt8] {
        ModbusCRC.appending(to: [address, function | 0x80, code])
    }
}
