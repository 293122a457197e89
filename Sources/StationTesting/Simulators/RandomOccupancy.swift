#if canImport(Glibc)
import Glibc
#endif
import StationCore
import StationSystem
import Synchronization

/// Random arrivals and departures on a simulated chip, for the simulated
/// board's demo: each listed line flips after a random dwell (uniform between
/// half and one and a half `meanDwell`), with a few contact bounces first so
/// the real debounce code has work to do.
public final class RandomOccupancy: Sendable {
    private let wake: WakeSignal
    /// Level flips made so far (bounces not counted).
    public var flips: Int { counter.value.withLock { $0 } }
    private let counter = Counter()

    /// A shareable box: the thread and the owner both hold it.
    private final class Counter: Sendable {
        let value = Mutex(0)
    }

    public init(chip: SimulatedGPIO, chipName: String = "gpiochip0", offsets: [Int], meanDwell: Duration, bounces: Int = 2, seed: UInt64 = 1) throws {
        wake = try WakeSignal()
        let wake = wake
        let counter = counter
        let meanMs = max(2, Int(meanDwell.wholeNanoseconds / 1_000_000))
        try OSThread.detach {
            var random = SeededGenerator(seed: seed)
            var due = offsets.map { _ in MonotonicClock.nowNanos() + UInt64(Int.random(in: meanMs / 2...meanMs * 3 / 2, using: &random)) * 1_000_000 }
            while !wake.isFired {
                let now = MonotonicClock.nowNanos()
                for (i, offset) in offsets.enumerated() where now >= due[i] {
                    let next = !chip.level(chip: chipName, offset: offset)
                    for _ in 0..<bounces {
                        chip.set(chip: chipName, offset: offset, high: next)
                        chip.set(chip: chipName, offset: offset, high: !next)
                    }
                    chip.set(chip: chipName, offset: offset, high: next)
                    counter.value.withLock { $0 += 1 }
                    due[i] = now + UInt64(Int.random(in: meanMs / 2...meanMs * 3 / 2, using: &random)) * 1_000_000
                }
                let wait = (due.min() ?? now + 1_000_000_000) &- MonotonicClock.nowNanos()
                _ = try? Poll.wait([(wake.descriptor, .readable)], timeoutMilliseconds: Int32(clamping: Int64(bitPattern: wait) / 1_000_000 + 1))
            }
        }
    }

    /// Stops the flipping (idempotent).
    public func stop() { wake.fire() }
}
