import Glibc
import StationCore
import StationTesting
import Synchronization

@testable import StationStore

func options(_ dir: TemporaryDirectory, _ clock: some ClockSource, station: String = "st-test",
             sync: SyncPolicy = .default, maxBytes: Int = 64 << 20, maxAge: Int? = nil) -> StoreOptions {
    StoreOptions(directory: dir.path, stationID: station, clock: clock, sync: sync,
                 maxBytes: maxBytes, maxAgeSeconds: maxAge)
}

func reading(_ clock: some ClockSource, _ value: Double, kind: ReadingKind = .sample,
             sensor: String = "pm-1", quantity: String = "pm2_5") -> Reading {
    let now = clock.now()
    return Reading(sensor: sensor, quantity: quantity, value: value, unit: "ug/m3", kind: kind,
                   bootID: now.bootID, monotonicNanos: now.monotonicNanos, wallNanos: now.wallNanos,
                   timeTrust: now.timeTrust)
}

func readings(_ clock: some ClockSource, _ values: ClosedRange<Int>, kind: ReadingKind = .sample) -> [Reading] {
    values.map { reading(clock, Double($0), kind: kind) }
}
