/// One model's way of talking to its sensor, driven by `SerialSensor` on the
/// driver's thread. Each step either completes or throws `LinkError`.
protocol SerialSession {
    /// Puts a freshly opened (or refused-command) sensor into the wanted mode.
    mutating func configure(_ link: SerialLink) throws(LinkError)
    /// Takes one measurement (queries it, or waits for the next streamed frame).
    mutating func measure(_ link: SerialLink) throws(LinkError) -> [SensorValue]
    /// Whether the model can sleep (fan and laser off).
    var canSleep: Bool { get }
    mutating func sleep(_ link: SerialLink) throws(LinkError)
    mutating func wake(_ link: SerialLink) throws(LinkError)
    /// The bytes that put the sensor to sleep, sent without waiting on the way out.
    var sleepCommand: [UInt8]? { get }
}

extension SerialSession {
    var canSleep: Bool { false }
    mutating func sleep(_ link: SerialLink) throws(LinkError) {}
    mutating func wake(_ link: SerialLink) throws(LinkError) {}
    var sleepCommand: [UInt8]? { nil }
}

extension SerialModel {
    /// A session for this model with `options`.
    func makeSession(_ options: SerialSensorOptions) -> any SerialSession {
        switch self {
        case .sds011: return SDS011Session(options: options)
        case .pms5003, .pms7003, .pmsa003: return PMSSession(options: options)
        case .sps30: return SPS30Session(options: options)
        case .mhz19b: return MHZ19BSession(options: options)
        case .s8: return S8Session(options: options)
        case .scd30: return SCD30Session(options: options)
        }
    }
}
