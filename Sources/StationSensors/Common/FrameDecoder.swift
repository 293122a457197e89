/// What a streaming decoder finds in the bytes fed to it.
public enum DecodeEvent<Message> {
    case message(Message)
    case failure(FailureReason)
}

extension DecodeEvent: Sendable where Message: Sendable {}
extension DecodeEvent: Equatable where Message: Equatable {}

/// A streaming frame decoder: bytes go in as they arrive (any split, any
/// garbage), messages and failures come out.
///
/// Requirements: `feed` never buffers more than `maximumBuffered` bytes,
/// whatever it is given; after garbage or a bad frame it resynchronises on
/// the next valid frame; every rejected frame or run of garbage is one
/// failure event and is added to `failures`.
public protocol FrameDecoder {
    associatedtype Message
    /// The most bytes the decoder ever holds between calls.
    static var maximumBuffered: Int { get }
    /// Bytes held while waiting for the rest of a frame.
    var bufferedCount: Int { get }
    /// Every failure seen so far, by reason.
    var failures: FailureCounts { get }
    mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [DecodeEvent<Message>]
    /// Forgets a partial frame (after a timeout or a reopen).
    mutating func reset()
}

extension FrameDecoder {
    /// The messages only, for callers that look at `failures` separately.
    public mutating func messages<Bytes: Sequence<UInt8>>(in bytes: Bytes) -> [Message] {
        feed(bytes).compactMap { if case .message(let m) = $0 { m } else { nil } }
    }
}
