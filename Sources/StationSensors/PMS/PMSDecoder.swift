/// Finds PMS frames in a byte stream: `42 4D LH LL` + LEN bytes whose last two
/// are the big-endian sum of all bytes before them. LEN is 28 (data) or 4
/// (command reply); host commands are `42 4D CMD DH DL SH SL`.
public struct PMSDecoder: FrameDecoder, Sendable {
    public static let maximumBuffered = 32
    private var hunter = FrameHunter(capacity: maximumBuffered)
    private let acceptsCommands: Bool

    /// `acceptsCommands`: also find host commands (the emulator's side).
    /// Off for the host, because a command's CMD byte can look like a length.
    public init(acceptsCommands: Bool = false) {
        self.acceptsCommands = acceptsCommands
    }

    public var bufferedCount: Int { hunter.buffer.count }
    public var failures: FailureCounts { hunter.failures }
    public mutating func reset() { hunter.reset() }

    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [DecodeEvent<PMSFrame>] {
        let commands = acceptsCommands
        return hunter.feed(bytes, judge: { Self.judge($0, commands: commands) }, message: { Self.frame($0, commands: commands) })
    }

    static func judge(_ b: [UInt8], commands: Bool) -> FrameHunter.Verdict {
        guard b[0] == 0x42 else { return .notAFrame }
        guard b.count >= 2 else { return .needMore }
        guard b[1] == 0x4D else { return .notAFrame }
        guard b.count >= 4 else { return .needMore }
        let length: Int
        if commands {
            guard [0xE1, 0xE2, 0xE4].contains(b[2]) else { return .notAFrame }
            length = 7
        } else {
            switch Bytes.bigEndian16(b, 2) {
            case 28: length = 32
            case 4: length = 8
            default: return .notAFrame
            }
        }
        guard b.count >= length else { return .needMore }
        let sum = b[0..<(length - 2)].reduce(UInt16(0)) { $0 &+ UInt16($1) }
        return sum == Bytes.bigEndian16(b, length - 2) ? .frame(length: length) : .badChecksum
    }

    static func frame(_ b: [UInt8], commands: Bool) -> PMSFrame {
        if commands { return .command(command: b[2], data: Bytes.bigEndian16(b, 3)) }
        if b.count == 8 { return .reply(command: b[4], data: b[5]) }
        let w = (0..<13).map { Bytes.bigEndian16(b, 4 + 2 * $0) }
        return .measurement(PMSMeasurement(
            pm1_0CF1: w[0], pm2_5CF1: w[1], pm10CF1: w[2], pm1_0: w[3], pm2_5: w[4], pm10: w[5],
            counts: Array(w[6..<12])))
    }
}
