/// The shared engine of the fixed-layout decoders (SDS011, PMS, MH-Z19B,
/// Modbus): holds a bounded buffer, asks a model-specific judge whether a
/// frame starts at its first byte, and slides one byte on anything else.
struct FrameHunter: Sendable {
    /// The judge's verdict on the bytes at the start of the buffer.
    enum Verdict {
        /// A frame may start here; wait for more bytes.
        case needMore
        /// No frame starts at the first byte.
        case notAFrame
        /// A whole frame of this length with a good checksum.
        case frame(length: Int)
        /// A whole frame whose checksum is wrong.
        case badChecksum
    }

    let capacity: Int
    private(set) var buffer: [UInt8] = []
    private(set) var failures = FailureCounts()
    /// Set while sliding over garbage, so that one run counts as one failure.
    private var skipping = false

    init(capacity: Int) {
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    mutating func reset() {
        buffer.removeAll(keepingCapacity: true)
        skipping = false
    }

    mutating func feed<Bytes: Sequence<UInt8>, M>(
        _ bytes: Bytes, judge: ([UInt8]) -> Verdict, message: ([UInt8]) -> M
    ) -> [DecodeEvent<M>] {
        var events: [DecodeEvent<M>] = []
        for byte in bytes {
            buffer.append(byte)
            scan(&events, judge: judge, message: message)
        }
        return events
    }

    private mutating func scan<M>(
        _ events: inout [DecodeEvent<M>], judge: ([UInt8]) -> Verdict, message: ([UInt8]) -> M
    ) {
        while !buffer.isEmpty {
            switch judge(buffer) {
            case .needMore:
                // A judge that keeps asking for more past the capacity is
                // wrong about its own frame sizes: slide rather than grow.
                guard buffer.count >= capacity else { return }
                slide(&events, .framing)
            case .notAFrame:
                slide(&events, .framing)
            case .badChecksum:
                slide(&events, .checksum)
            case .frame(let length):
                events.append(.message(message(Array(buffer[0..<length]))))
                buffer.removeFirst(length)
                skipping = false
            }
        }
    }

    private mutating func slide<M>(_ events: inout [DecodeEvent<M>], _ reason: FailureReason) {
        buffer.removeFirst()
        if reason == .checksum || !skipping {
            failures.record(reason)
            events.append(.failure(reason))
        }
        skipping = true
    }
}
