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

    /// A name made safe as one topic level: `/`, `+`, `#` and NUL become `_`
    /// (config validation already refuses them; this keeps a topic valid
    /// whatever a sensor driver reports).
    public static func level(_ name: String) -> String {
        if name.isEmpty { return "_" }
        guard name.utf8.contains(where: { $0 == 0x2F || $0 == 0x2B || $0 == 0x23 || $0 == 0 }) else { return name }
        return String(name.map { $0 == "/" || $0 == "+" || $0 == "#" || $0 == "\0" ? "_" : $0 })
    }
}
