import StationSensors
import Testing

/// Hex from PROTOCOLS.md (or computed) as bytes; a typo fails the test, not a crash.
func hex(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
    guard let bytes = Hex.decode(text) else {
        Issue.record("bad hex literal \(text)", sourceLocation: sourceLocation)
        return []
    }
    return bytes
}

extension FrameDecoder {
    /// Feeds one byte per call, as a slow UART delivers them.
    mutating func feedBytewise(_ bytes: [UInt8]) -> [DecodeEvent<Message>] {
        bytes.flatMap { feed([$0]) }
    }
}

/// Values by quantity name for compact checks.
func table(_ values: [SensorValue]) -> [String: Double] {
    Dictionary(values.map { ($0.quantity, $0.value) }, uniquingKeysWith: { a, _ in a })
}
