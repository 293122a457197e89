/// One SHDLC frame, unstuffed, checksum verified.
public struct SHDLCFrame: Sendable, Equatable {
    public var address: UInt8
    public var command: UInt8
    /// The state byte of a device reply (MISO); nil in a host request (MOSI).
    public var state: UInt8?
    public var data: [UInt8]

    public init(address: UInt8, command: UInt8, state: UInt8? = nil, data: [UInt8]) {
        self.address = address
        self.command = command
        self.state = state
        self.data = data
    }

    /// The SPS30's "command not allowed in current state".
    public static let commandNotAllowed: UInt8 = 0x43

    /// The error code of the state byte (bit 7 is a device-error flag).
    public var errorCode: UInt8 { (state ?? 0) & 0x7F }
}

/// SHDLC framing: `7E` delimiters, byte stuffing and the checksum.
public enum SHDLC {
    public static let delimiter: UInt8 = 0x7E
    static let escape: UInt8 = 0x7D
    /// The largest frame between delimiters, stuffed: 260 raw bytes, each possibly doubled.
    public static let maximumStuffed = 520

    /// CHK = NOT(sum of the unstuffed bytes between the delimiters), low byte.
    public static func checksum<C: Collection<UInt8>>(_ bytes: C) -> UInt8 { ~Bytes.sum8(bytes) }

    /// A stuffed frame: a MOSI frame when `state` is nil, else a MISO frame.
    public static func encode(address: UInt8, command: UInt8, state: UInt8? = nil, data: [UInt8] = []) -> [UInt8] {
        var raw: [UInt8] = [address, command]
        if let state { raw.append(state) }
        raw.append(UInt8(min(data.count, 255)))
        raw += data.prefix(255)
        raw.append(checksum(raw))
        return [delimiter] + stuff(raw) + [delimiter]
    }

    public static func stuff(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count + 4)
        for b in raw {
            switch b {
            case 0x7E, 0x7D, 0x11, 0x13: out += [escape, b ^ 0x20]
            default: out.append(b)
            }
        }
        return out
    }
}
