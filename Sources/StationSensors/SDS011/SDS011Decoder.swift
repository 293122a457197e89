/// Finds SDS011 frames in a byte stream: `AA C0|C5 d1..d6 CS AB` from the
/// sensor and `AA B4 d1..d15 CS AB` to it. CS is the low byte of the sum of
/// the data bytes.
public struct SDS011Decoder: FrameDecoder, Sendable {
    public static let maximumBuffered = 19
    private var hunter = FrameHunter(capacity: maximumBuffered)

    public init() {}

    public var bufferedCount: Int { hunter.buffer.count }
    public var failures: FailureCounts { hunter.failures }
    public mutating func reset() { hunter.reset() }

    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [DecodeEvent<SDS011Frame>] {
        hunter.feed(bytes, judge: Self.judge, message: Self.frame)
    }

    static func length(kind: UInt8) -> Int? {
        switch kind {
        case 0xC0, 0xC5: return 10
        case 0xB4: return 19
        default: return nil
        }
    }

    static func judge(_ b: [UInt8]) -> FrameHunter.Verdict {
        guard b[0] == 0xAA else { return .notAFrame }
        guard b.count >= 2 else { return .needMore }
        guard let length = length(kind: b[1]) else { return .notAFrame }
        guard b.count >= length else { return .needMore }
        // A missing tail means we locked onto an AA inside other bytes.
        guard b[length - 1] == 0xAB else { return .notAFrame }
        return Bytes.sum8(b[2..<(length - 2)]) == b[length - 2] ? .frame(length: length) : .badChecksum
    }

    static func frame(_ b: [UInt8]) -> SDS011Frame {
        // The id is little-endian: `A1 60` is device 0x60A1.
        let id = Bytes.littleEndian16(b, b.count - 4)
        switch b[1] {
        case 0xC0:
            return .measurement(
                pm2_5: Double(Bytes.littleEndian16(b, 2)) / 10,
                pm10: Double(Bytes.littleEndian16(b, 4)) / 10,
                deviceID: id)
        case 0xC5:
            return .reply(data: Array(b[2..<6]), deviceID: id)
        default:
            return .command(data: Array(b[2..<15]), deviceID: id)
        }
    }
}
