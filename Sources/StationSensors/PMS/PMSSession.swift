/// Drives a PMS5003/7003/A003: passive (query) or active mode, sleep/wake
/// between readings. Only the mode and sleep commands are answered (8-byte
/// replies); wake is not, and the first frames after it come only once the
/// fan is up.
struct PMSSession: SerialSession {
    let options: SerialSensorOptions
    var decoder = PMSDecoder()

    var canSleep: Bool { true }
    var sleepCommand: [UInt8]? { PMSEncoder.setWorking(false) }

    mutating func configure(_ link: SerialLink) throws(LinkError) {
        try link.send(PMSEncoder.setWorking(true))
        let active = options.mode == .active
        // Passive mode is confirmed by its reply; active mode by the reply or the first frame.
        try link.exchange(PMSEncoder.setActive(active), decoder: &decoder, timeout: options.replyTimeout) { frame -> Result<Void, FailureReason>? in
            switch frame {
            case .reply(0xE1, _): return .success(())
            case .measurement where active: return .success(())
            default: return nil
            }
        }
    }

    mutating func measure(_ link: SerialLink) throws(LinkError) -> [SensorValue] {
        try link.discardInput()
        let request = options.mode == .query ? PMSEncoder.passiveRead() : nil
        return try link.exchange(request, decoder: &decoder, timeout: options.replyTimeout) { frame in
            if case .measurement = frame { return .success(frame.values) }
            return nil
        }
    }

    mutating func sleep(_ link: SerialLink) throws(LinkError) {
        try link.exchange(PMSEncoder.setWorking(false), decoder: &decoder, timeout: options.replyTimeout) { frame -> Result<Void, FailureReason>? in
            if case .reply(0xE4, _) = frame { return .success(()) }
            return nil
        }
    }

    mutating func wake(_ link: SerialLink) throws(LinkError) {
        // configure() wakes it, and restates the mode, which waking resets to
        // active on some firmware.
        try configure(link)
    }
}
