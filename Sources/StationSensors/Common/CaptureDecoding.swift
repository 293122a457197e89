/// Why a captured frame could not be decoded, in words for a technician.
public struct CaptureError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: FailureReason
    public var description: String

    public init(_ reason: FailureReason, _ description: String) {
        self.reason = reason
        self.description = description
    }
}

extension SerialModel {
    /// The length of a whole data frame, for "wrong length" messages (nil:
    /// it varies, as for SHDLC and Modbus).
    var dataFrameLength: Int? {
        switch self {
        case .sds011: return 10
        case .pms5003, .pms7003, .pmsa003: return 32
        case .mhz19b: return 9
        case .sps30, .s8, .scd30: return nil
        }
    }

    /// Decodes a captured reply (as `stationctl sensors decode` gets it): the
    /// readings of every measurement frame found, or why there were none.
    public func decodeCapture(_ bytes: [UInt8]) -> Result<[SensorValue], CaptureError> {
        var values: [SensorValue] = []
        var frames = 0
        var failures = FailureCounts()
        var refused: FailureReason?
        func take(_ result: Result<[SensorValue], FailureReason>) {
            frames += 1
            switch result {
            case .success(let v): values += v
            case .failure(let reason): refused = reason
            }
        }
        switch self {
        case .sds011:
            var d = SDS011Decoder()
            for f in d.messages(in: bytes) { take(.success(f.values)) }
            failures = d.failures
        case .pms5003, .pms7003, .pmsa003:
            var d = PMSDecoder()
            for f in d.messages(in: bytes) { take(.success(f.values)) }
            failures = d.failures
        case .mhz19b:
            var d = MHZ19BDecoder()
            for f in d.messages(in: bytes) { take(.success(f.values)) }
            failures = d.failures
        case .sps30:
            var d = SHDLCDecoder()
            for f in d.messages(in: bytes) { take(SPS30.values(f)) }
            failures = d.failures
        case .s8:
            var d = ModbusDecoder()
            for f in d.messages(in: bytes) { take(SenseairS8.values(f)) }
            failures = d.failures
        case .scd30:
            var d = ModbusDecoder()
            for f in d.messages(in: bytes) { take(SCD30.values(f)) }
            failures = d.failures
        }
        if !values.isEmpty { return .success(values) }
        if let refused {
            return .failure(CaptureError(refused, "the \(rawValue) frame is valid but carries no reading (\(refused.rawValue))"))
        }
        if frames > 0 { return .success([]) }
        if failures[.checksum] > 0 {
            return .failure(CaptureError(.checksum, "bad checksum in the \(rawValue) frame"))
        }
        if let length = dataFrameLength, bytes.count != length {
            return .failure(CaptureError(.framing, "a \(rawValue) frame is \(length) bytes, got \(bytes.count)"))
        }
        return .failure(CaptureError(.framing, "no \(rawValue) frame found in \(bytes.count) bytes"))
    }
}
