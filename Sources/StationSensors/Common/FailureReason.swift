/// Why a frame, a read or a whole cycle failed. The raw values are the names
/// used in health reports and metrics.
public enum FailureReason: String, Error, Sendable, Hashable, CaseIterable, Comparable {
    /// A complete frame whose checksum or CRC did not match.
    case checksum
    /// Bytes that are not part of any frame (garbage, a torn frame, a bad length).
    case framing
    /// No (complete) answer within the read timeout.
    case timeout
    /// The port could not be opened or vanished (USB adapter unplugged).
    case deviceGone = "device_gone"
    /// The sensor refused a command in its current state (SPS30 state 0x43).
    case commandNotAllowed = "command_not_allowed"
    /// The sensor answered with an error (a Modbus exception, an SHDLC error state).
    case deviceError = "device_error"
    /// A valid frame that does not answer what was asked.
    case unexpectedReply = "unexpected_reply"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Failures counted by reason.
public struct FailureCounts: Sendable, Hashable, CustomStringConvertible {
    private var counts: [FailureReason: Int] = [:]

    public init() {}

    public mutating func record(_ reason: FailureReason, times: Int = 1) {
        counts[reason, default: 0] += times
    }

    public subscript(reason: FailureReason) -> Int { counts[reason] ?? 0 }

    public var total: Int { counts.values.reduce(0, +) }

    /// Adds another set of counts into this one.
    public mutating func add(_ other: FailureCounts) {
        for (reason, n) in other.counts { counts[reason, default: 0] += n }
    }

    /// `checksum=2 framing=1`, reasons in name order; `none` when empty.
    public var description: String {
        let parts = counts.keys.sorted().map { "\($0.rawValue)=\(counts[$0]!)" }
        return parts.isEmpty ? "none" : parts.joined(separator: " ")
    }
}
