/// The topic scheme (see `docs/asyncapi.yaml`):
///
/// | topic | what | retained |
/// |---|---|---|
/// | `PREFIX/STATION/status` | birth (`online`) and will (`offline`) | yes |
/// | `PREFIX/STATION/health` | periodic health | yes |
/// | `PREFIX/STATION/readings/SENSOR/QUANTITY` | one live reading | no |
/// | `PREFIX/STATION/backlog` | a batch of historical readings | no |
public struct UplinkTopics: Sendable, Equatable {
    /// `PREFIX/STATION`.
    public let base: String

    public init(prefix: String, stationID: String) {
        base = "\(prefix)/\(Self.level(stationID))"
    }

    public var status: String { base + "/status" }
    public var health: String { base + "/health" }
    public var backlog: String { base + "/backlog" }

    /// The topic of a live reading.
    public func reading(sensor: String, quantity: String) -> String {
        "\(base)/readings/\(Self.level(sensor))/\(Self.level(quantity))"
    }

    /// A name made safe as one topic level: `/`, `+`, `#` and control
    /// characters (which libmosquitto refuses in topics) become `_`. Config
    /// validation already refuses them; this keeps a topic valid whatever a
    /// sensor driver reports.
    public static func level(_ name: String) -> String {
        if name.isEmpty { return "_" }
        guard name.utf8.contains(where: unsafe) else { return name }
        return String(decoding: name.utf8.map { unsafe($0) ? 0x5F : $0 }, as: UTF8.self)
    }

    private static func unsafe(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F || byte == 0x2F || byte == 0x2B || byte == 0x23
    }
}
