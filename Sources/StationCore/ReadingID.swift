/// The identity of one stored reading, unique per station for the life of its
/// store: the city platform de-duplicates on it, so no layer may give two
/// readings the same id, and a restart never reuses a sequence number.
public struct ReadingID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The station that took the reading (`[station] id`).
    public let stationID: String
    /// The boot in which the reading was taken.
    public let bootID: BootID
    /// The per-station sequence number, strictly increasing across restarts
    /// (gaps are allowed and happen after a restart or an eviction).
    public let sequence: UInt64

    public init(stationID: String, bootID: BootID, sequence: UInt64) {
        self.stationID = stationID
        self.bootID = bootID
        self.sequence = sequence
    }

    /// The stable string form the platform de-duplicates on:
    /// `<station id>:<boot id hex>:<sequence>`. Station ids cannot contain `:`
    /// (see `ReadingID.isValidStationID`), so the form parses back uniquely.
    public var description: String { "\(stationID):\(bootID.hex):\(sequence)" }

    /// Parses the string form written by `description`; nil when malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, ReadingID.isValidStationID(String(parts[0])),
            !parts[1].isEmpty, let sequence = UInt64(parts[2])
        else { return nil }
        self.init(stationID: String(parts[0]), bootID: BootID(hex: String(parts[1])), sequence: sequence)
    }

    /// Ids order by sequence (the order the station stored them in); station
    /// and boot only break ties, which one station's ids never have.
    public static func < (lhs: ReadingID, rhs: ReadingID) -> Bool {
        (lhs.sequence, lhs.stationID, lhs.bootID.hex) < (rhs.sequence, rhs.stationID, rhs.bootID.hex)
    }

    /// A station id is 1...64 characters of `A-Z a-z 0-9 . _ -`: safe in MQTT
    /// topics, file names and the `:`-separated id form.
    public static func isValidStationID(_ id: String) -> Bool {
        guard (1...64).contains(id.utf8.count) else { return false }
        return id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }
}
