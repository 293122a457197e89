/// Drives an SDS011: continuous working period, active or query reporting,
/// sleep/work between readings.
struct SDS011Session: SerialSession {
    let options: SerialSensorOptions
    var decoder = SDS011Decoder()

    var canSleep: Bool { true }
    var sleepCommand: [UInt8]? { SDS011Encoder.setWorking(false) }

    /// Sends a set command and waits for its `AA C5` echo.
    private mutating func set(_ link: SerialLink, _ command: [UInt8]) throws(LinkError) {
        let code = command[2]
        try link.exchange(command, decoder: &decoder, timeout: options.replyTimeout) { frame -> Result<Void, FailureReason>? in
            if case .reply(let data, _) = frame, data.first == code { return .success(()) }
            return nil
        }
    }

    mutating func configure(_ link: SerialLink) throws(LinkError) {
        // A sleeping SDS011 answers only to "work", so wake it first.
        try set(link, SDS011Encoder.setWorking(true))
        try set(link, SDS011Encoder.setWorkingPeriod(minutes: 0))
        try set(link, SDS011Encoder.setReportingMode(active: options.mode == .active))
    }

    mutating func measure(_ link: SerialLink) throws(LinkError) -> [SensorValue] {
        // Frames streamed since the last cycle are stale.
        try link.discardInput()
        let request = options.mode == .query ? SDS011Encoder.queryData() : nil
        return try link.exchange(request, decoder: &decoder, timeout: options.replyTimeout) { frame in
            if case .measurement = frame { return .success(frame.values) }
            return nil
        }
    }

    mutating func sleep(_ link: SerialLink) throws(LinkError) { try set(link, SDS011Encoder.setWorking(false)) }
    mutating func wake(_ link: SerialLink) throws(LinkError) { try set(link, SDS011Encoder.setWorking(true)) }
}
