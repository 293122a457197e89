import StationSystem

/// The body of a `SerialSensor`'s thread: open with backoff, configure,
/// measure every interval, and map every failure to a count and a health.
struct SerialSensorLoop {
    let sensor: SerialSensor
    let wake: WakeSignal
    var options: SerialSensorOptions { sensor.options }

    /// When readings may first be trusted (MH-Z19B preheat), monotonic ns.
    private let preheatEnds: UInt64
    private var consecutiveFailures = 0

    init(sensor: SerialSensor, wake: WakeSignal) {
        self.sensor = sensor
        self.wake = wake
        preheatEnds = SerialLink.now() + sensor.options.preheat.wholeNanoseconds
    }

    mutating func run() {
        var backoff = options.reopenBackoff
        while !wake.isFired {
            let port: SerialPort
            do {
                port = try SerialPort.open(options.port, baud: options.baud)
            } catch {
                sensor.record(.deviceGone)
                sensor.update(health: SensorHealth(.unavailable, reason: .deviceGone, detail: error.description))
                guard pause(backoff) else { return }
                backoff = min(backoff * 2, options.reopenBackoffMax)
                continue
            }
            sensor.opened()
            backoff = options.reopenBackoff
            let link = SerialLink(port: port, wake: wake, record: { [sensor] in sensor.record($0) })
            var session = options.model.makeSession(options)
            let gone = cycles(link, &session)
            if let gone {
                sensor.record(.deviceGone)
                sensor.update(health: SensorHealth(.unavailable, reason: .deviceGone, detail: gone.description))
            } else if let sleep = session.sleepCommand {
                // Stopping: rest the laser rather than leave it running until the next start.
                try? port.write(sleep)
            }
            port.close()
            if gone != nil, !pause(backoff) { return }
        }
    }

    /// Measures until stopped (returns nil) or until the port is gone (returns why).
    private mutating func cycles(_ link: SerialLink, _ session: inout any SerialSession) -> SystemError? {
        let sleeps = session.canSleep && options.sleepsBetweenReadings
        var configured = false
        var asleep = false
        var next = SerialLink.now()
        while true {
            do throws(LinkError) {
                try link.pause(until: next)
                let start = SerialLink.now()
                next = start + options.interval.wholeNanoseconds
                if !configured {
                    try session.configure(link)
                    configured = true
                }
                if asleep {
                    try session.wake(link)
                    asleep = false
                }
                if sleeps {
                    // The fan has to clear the chamber: what comes in meanwhile is not a reading.
                    try link.pause(for: options.warmUp)
                }
                let values = try session.measure(link)
                consecutiveFailures = 0
                if SerialLink.now() < preheatEnds {
                    sensor.discard()
                    sensor.update(health: SensorHealth(.ok, detail: "preheating"))
                } else {
                    sensor.update(health: .ok)
                    sensor.deliver(values)
                }
                if sleeps {
                    try session.sleep(link)
                    asleep = true
                }
            } catch {
                switch error {
                case .cancelled:
                    return nil
                case .gone(let error):
                    return error
                case .failed(let reason, let detail):
                    consecutiveFailures += 1
                    let state: SensorHealth.State = consecutiveFailures >= options.unavailableAfter ? .unavailable : .degraded
                    sensor.update(health: SensorHealth(state, reason: reason, detail: detail))
                    // A refusal or silence may mean the sensor restarted with its defaults: set it up again.
                    configured = false
                    asleep = false
                }
            }
        }
    }

    /// Sleeps for `duration` unless stopped; false when stopped.
    private func pause(_ duration: Duration) -> Bool {
        let deadline = SerialLink.now() + duration.wholeNanoseconds
        while !wake.isFired {
            let now = SerialLink.now()
            if now >= deadline { return true }
            _ = try? Poll.wait([(wake.descriptor, .readable)], timeoutMilliseconds: Int32(clamping: (deadline - now) / 1_000_000 + 1))
        }
        return false
    }
}
