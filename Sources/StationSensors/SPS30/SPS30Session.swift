/// Drives an SPS30 over SHDLC: start measurement (float output), read every
/// cycle, stop + sleep between readings.
struct SPS30Session: SerialSession {
    let options: SerialSensorOptions
    var decoder = SHDLCDecoder()

    var canSleep: Bool { true }
    var sleepCommand: [UInt8]? { SPS30.stopMeasurement() + SPS30.sleep() }

    /// Sends a request and waits for the reply to the same command.
    /// `allowRefusal`: a "command not allowed" answer counts as done (start
    /// while already measuring, wake while already awake).
    private mutating func call(_ link: SerialLink, _ request: [UInt8], command: SPS30.Command, allowRefusal: Bool = false) throws(LinkError) {
        try link.exchange(request, decoder: &decoder, timeout: options.replyTimeout) { frame -> Result<Void, FailureReason>? in
            guard frame.command == command.rawValue else { return nil }
            if allowRefusal && frame.errorCode == SHDLCFrame.commandNotAllowed { return .success(()) }
            if let failure = SPS30.failure(frame) { return .failure(failure) }
            return .success(())
        }
    }

    mutating func configure(_ link: SerialLink) throws(LinkError) {
        // The sensor may be asleep from an earlier run; waking an awake one is refused, which is fine.
        do throws(LinkError) {
            try call(link, SPS30.wakeUp(), command: .wakeUp, allowRefusal: true)
        } catch {
            // An awake sensor in some firmware ignores the lone FF; go on to start.
            guard case .failed(.timeout, _) = error else { throw error }
        }
        try call(link, SPS30.startMeasurement(), command: .startMeasurement, allowRefusal: true)
    }

    mutating func measure(_ link: SerialLink) throws(LinkError) -> [SensorValue] {
        let deadline = SerialLink.now() + options.replyTimeout.wholeNanoseconds
        while true {
            let values = try link.exchange(SPS30.readMeasurement(), decoder: &decoder, timeout: options.replyTimeout) { frame in
                frame.command == SPS30.Command.readMeasurement.rawValue ? SPS30.values(frame) : nil
            }
            if !values.isEmpty { return values }
            // "No new data": a new measurement comes about every second.
            guard SerialLink.now() < deadline else { throw .failed(.timeout, "no new data within \(options.replyTimeout)") }
            try link.pause(for: .milliseconds(100))
        }
    }

    mutating func sleep(_ link: SerialLink) throws(LinkError) {
        // Sleep is allowed only in idle mode, so stop measuring first.
        try call(link, SPS30.stopMeasurement(), command: .stopMeasurement)
        try call(link, SPS30.sleep(), command: .sleep)
    }

    mutating func wake(_ link: SerialLink) throws(LinkError) {
        try call(link, SPS30.wakeUp(), command: .wakeUp)
        try call(link, SPS30.startMeasurement(), command: .startMeasurement)
    }
}
