/// A reading as the store hands it to the uplink: numbered, and with its wall
/// time corrected when the clock synchronised after it was taken.
public struct StoredReading: Sendable, Hashable {
    public let id: ReadingID
    /// The reading; `timeTrust` is `.corrected` and `wallNanos` recomputed
    /// when the store learnt the boot's true wall-clock offset after the fact.
    public var reading: Reading

    public init(id: ReadingID, reading: Reading) {
        self.id = id
        self.reading = reading
    }
}
