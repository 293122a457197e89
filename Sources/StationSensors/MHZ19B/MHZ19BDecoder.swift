/// A 9-byte MH-Z19B frame: `FF` + 7 bytes + checksum.
public struct MHZ19BFrame: Sendable, Equatable {
    /// Bytes 1...7 (from the sensor, byte 1 is the command it answers;
    /// from the host, byte 1 is the sensor number 01 and byte 2 the command).
    public var body: [UInt8]

    /// The CO2 value of a read reply (`FF 86 HH LL ...`), else nil.
    public var co2: Double? {
        body[0] == MHZ19BEncoder.readCommand ? Double(UInt16(body[1]) << 8 | UInt16(body[2])) : nil
    }

    public var values: [SensorValue] {
        co2.map { [SensorValue("co2", $0, Unit.partsPerMillion)] } ?? []
    }
}

/// Finds MH-Z19B frames in a byte stream. CS = 0x100 - (sum of bytes 1...7), low byte.
public struct MHZ19BDecoder: FrameDecoder, Sendable {
    public static let maximumBuffered = 9
    private var hunter = FrameHunter(capacity: maximumBuffered)

    public init() {}

    public var bufferedCount: Int { hunter.buffer.count }
    public var failures: FailureCounts { hunter.failures }
    public mutating func reset() { hunter.reset() }

    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [DecodeEvent<MHZ19BFrame>] {
        hunter.feed(bytes, judge: Self.judge, message: { MHZ19BFrame(body: Array($0[1..<8])) })
    }

    static func judge(_ b: [UInt8]) -> FrameHunter.Verdict {
        guard b[0] == 0xFF else { return .notAFrame }
        guard b.count >= 9 else { return .needMore }
        return MHZ19BEncoder.checksum(b[1..<8]) == b[8] ? .frame(length: 9) : .badChecksum
    }
}

/// Builds MH-Z19B frames byte-exactly.
public enum MHZ19BEncoder {
    public static let readCommand: UInt8 = 0x86

    static func checksum<C: Collection<UInt8>>(_ body: C) -> UInt8 {
        0 &- Bytes.sum8(body)
    }

    /// `FF 01 CMD d0..d4 CS`.
    public static func command(_ command: UInt8, _ data: [UInt8] = []) -> [UInt8] {
        var body: [UInt8] = [0x01, command] + data.prefix(5)
        body += [UInt8](repeating: 0, count: 7 - body.count)
        return [0xFF] + body + [checksum(body)]
    }

    public static func readCO2() -> [UInt8] { command(readCommand) }
    /// Automatic baseline correction on or off.
    public static func setABC(_ on: Bool) -> [UInt8] { command(0x79, [on ? 0xA0 : 0x00]) }
    public static func zeroCalibration() -> [UInt8] { command(0x87) }
    /// Detection range (2000 or 5000 ppm), in the last two data bytes.
    public static func setRange(_ ppm: UInt16) -> [UInt8] { command(0x99, [0, 0, 0, UInt8(ppm >> 8), UInt8(truncatingIfNeeded: ppm)]) }

    /// A reply as the sensor sends it: `FF CMD` + 6 bytes + CS.
    public static func reply(_ command: UInt8, _ data: [UInt8]) -> [UInt8] {
        var body: [UInt8] = [command] + data.prefix(6)
        body += [UInt8](repeating: 0, count: 7 - body.count)
        return [0xFF] + body + [checksum(body)]
    }

    /// The reply to a read: ppm, then the undocumented temperature+40 byte.
    public static func readReply(ppm: UInt16) -> [UInt8] {
        reply(readCommand, [UInt8(ppm >> 8), UInt8(truncatingIfNeeded: ppm), 0x42])
    }
}
