import StationCore
import StationStore

/// Turns a sensor's boot-relative timestamp into a `Reading`: the boot id,
/// the wall time at that moment (read from the clock now and moved back by
/// the elapsed boot time), and whether the kernel said the clock was
/// synchronised. The store corrects untrusted wall times once it syncs.
public struct ReadingStamper: Sendable {
    public let clock: any ClockSource

    public init(clock: any ClockSource) {
        self.clock = clock
    }

    public func reading(
        sensor: String, quantity: String, value: Double, unit: String, kind: ReadingKind, monotonicNanos: UInt64
    ) -> Reading {
        let now = clock.now()
        let elapsed = now.monotonicNanos >= monotonicNanos ? Int64(now.monotonicNanos - monotonicNanos) : 0
        return Reading(
            sensor: sensor, quantity: quantity, value: value, unit: unit, kind: kind, bootID: now.bootID,
            monotonicNanos: monotonicNanos, wallNanos: now.wallNanos - elapsed, timeTrust: now.timeTrust)
    }
}
