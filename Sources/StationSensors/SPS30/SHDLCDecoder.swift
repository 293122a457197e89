/// Finds SHDLC frames in a byte stream: unstuffs between `7E` delimiters and
/// checks the length byte and checksum. A `7E` both ends one frame and may
/// start the next, so garbage before a delimiter costs at most one frame.
public struct SHDLCDecoder: FrameDecoder, Sendable {
    /// Which side's frames to find.
    public enum Role: Sendable {
        /// Device replies (MISO, with a state byte): the host's decoder.
        case replies
        /// Host requests (MOSI, no state byte): the emulator's decoder.
        case requests
    }

    public static let maximumBuffered = SHDLC.maximumStuffed
    private let role: Role
    /// Unstuffed bytes since the last delimiter.
    private var raw: [UInt8] = []
    private var inFrame = false
    private var escaped = false
    /// Set after a failure until the next delimiter, so that one bad run counts once.
    private var discarding = false
    public private(set) var failures = FailureCounts()

    public init(role: Role = .replies) {
        self.role = role
        raw.reserveCapacity(260)
    }

    /// Unstuffed bytes held; never more than the stuffed maximum.
    public var bufferedCount: Int { raw.count }

    public mutating func reset() {
        raw.removeAll(keepingCapacity: true)
        inFrame = false
        escaped = false
        discarding = false
    }

    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [DecodeEvent<SHDLCFrame>] {
        var events: [DecodeEvent<SHDLCFrame>] = []
        for byte in bytes {
            if byte == SHDLC.delimiter {
                if inFrame && !raw.isEmpty && !discarding { events.append(finish()) }
                raw.removeAll(keepingCapacity: true)
                inFrame = true
                escaped = false
                discarding = false
                continue
            }
            guard inFrame, !discarding else {
                // Bytes outside any frame: garbage, counted once per run.
                if !discarding { fail(.framing, &events) }
                continue
            }
            if escaped {
                escaped = false
                raw.append(byte ^ 0x20)
            } else if byte == SHDLC.escape {
                escaped = true
            } else {
                raw.append(byte)
            }
            // 4 header bytes + 255 data + checksum is the most a frame holds.
            if raw.count > 260 { fail(.framing, &events) }
        }
        return events
    }

    private mutating func fail(_ reason: FailureReason, _ events: inout [DecodeEvent<SHDLCFrame>]) {
        failures.record(reason)
        events.append(.failure(reason))
        raw.removeAll(keepingCapacity: true)
        discarding = true
    }

    private mutating func finish() -> DecodeEvent<SHDLCFrame> {
        let header = role == .replies ? 4 : 3
        let reason: FailureReason
        if raw.count < header + 1 || Int(raw[header - 1]) != raw.count - header - 1 {
            reason = .framing
        } else if SHDLC.checksum(raw.dropLast()) != raw.last! {
            reason = .checksum
        } else {
            return .message(SHDLCFrame(
                address: raw[0], command: raw[1], state: role == .replies ? raw[2] : nil,
                data: Array(raw[header..<(raw.count - 1)])))
        }
        failures.record(reason)
        return .failure(reason)
    }
}
