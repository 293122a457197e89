/// The serial sensor models; raw values are the config's `model` names.
public enum SerialModel: String, Sendable, Hashable, CaseIterable {
    case sds011, pms5003, pms7003, pmsa003, sps30, mhz19b, s8, scd30

    /// The model's own baud rate.
    public var baud: Int {
        switch self {
        case .sds011, .pms5003, .pms7003, .pmsa003, .mhz19b, .s8: return 9600
        case .scd30: return 19_200
        case .sps30: return 115_200
        }
    }

    /// Whether the model has a laser worth resting between readings.
    public var isParticulate: Bool {
        switch self {
        case .sds011, .pms5003, .pms7003, .pmsa003, .sps30: return true
        case .mhz19b, .s8, .scd30: return false
        }
    }
}
