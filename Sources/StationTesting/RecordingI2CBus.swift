import StationSystem
import Synchronization

/// A fake `/dev/i2c-N` peripheral: records every transaction and wait in
/// order, never sleeps, and can be told to fail, so a driver's exact byte
/// sequence can be checked.
public final class RecordingI2CBus: I2CTransport {
    /// One thing the driver did on the bus.
    public enum Event: Sendable, Equatable, CustomStringConvertible {
        case write([UInt8])
        case delay(Int)

        public var description: String {
            switch self {
            case .write(let bytes): return "write " + bytes.map { hex($0) }.joined(separator: " ")
            case .delay(let us): return "delay \(us)us"
            }
        }
    }

    private let recorded = Mutex<[Event]>([])
    private let failure = Mutex<SystemError?>(nil)

    public init() {}

    public var events: [Event] { recorded.withLock { $0 } }
    /// Only the writes, each transaction's bytes.
    public var writes: [[UInt8]] { events.compactMap { if case .write(let b) = $0 { return b } else { return nil } } }

    public func clear() { recorded.withLock { $0.removeAll() } }

    /// Makes every later write throw `error` (nil: succeed again), as a
    /// device that stops acknowledging its address does (EREMOTEIO).
    public func failWrites(_ error: SystemError?) { failure.withLock { $0 = error } }

    public func write(_ bytes: [UInt8]) throws {
        if let error = failure.withLock({ $0 }) { throw error }
        recorded.withLock { $0.append(.write(bytes)) }
    }

    public func delay(microseconds: Int) { recorded.withLock { $0.append(.delay(microseconds)) } }
}

/// `0x3C` style, two digits.
func hex(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "0x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 0xF)])
}
