import StationSystem

/// Why a probe got no reading, in words for a technician.
public struct SensorProbeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `device_gone` when the port could not be opened or vanished.
    public var reason: FailureReason
    public var description: String

    public init(reason: FailureReason, description: String) {
        self.reason = reason
        self.description = description
    }
}

extension SerialSensor {
    /// Opens the port, sets the sensor up and takes one measurement, without
    /// warm-up or preheat (`stationctl sensors probe`). Blocks the calling
    /// thread for at most a few reply timeouts.
    public static func probe(_ options: SerialSensorOptions) throws(SensorProbeError) -> [SensorValue] {
        let port: SerialPort
        do {
            port = try SerialPort.open(options.port, baud: options.baud)
        } catch {
            throw SensorProbeError(reason: .deviceGone, description: error.description)
        }
        defer { port.close() }
        let wake: WakeSignal
        do { wake = try WakeSignal() } catch { throw SensorProbeError(reason: .deviceError, description: error.description) }
        var failures = FailureCounts()
        let link = SerialLink(port: port, wake: wake) { failures.record($0) }
        var session = options.model.makeSession(options)
        do throws(LinkError) {
            try session.configure(link)
            return try session.measure(link)
        } catch {
            switch error {
            case .cancelled: throw SensorProbeError(reason: .deviceError, description: "interrupted")
            case .gone(let e): throw SensorProbeError(reason: .deviceGone, description: e.description)
            case .failed(let reason, let detail):
                // Other failures on the way (bad checksums before a timeout) help a technician.
                let seen = failures.total > failures[reason] ? " (seen: \(failures))" : ""
                throw SensorProbeError(reason: reason, description: "\(detail)\(seen)")
            }
        }
    }
}
