import Glibc
import StationCore
import StationSystem

/// What a clock says at one instant: the boot, the boot-relative time that
/// never jumps, the wall time that may, and whether the kernel trusts it.
public struct ClockSnapshot: Sendable, Hashable {
    public var bootID: BootID
    /// `CLOCK_BOOTTIME` in nanoseconds: counts suspend, never jumps.
    public var monotonicNanos: UInt64
    /// `CLOCK_REALTIME` in nanoseconds since the Unix epoch.
    public var wallNanos: Int64
    /// True when the kernel reports the clock synchronised (`adjtimex`).
    public var synchronized: Bool

    public init(bootID: BootID, monotonicNanos: UInt64, wallNanos: Int64, synchronized: Bool) {
        self.bootID = bootID
        self.monotonicNanos = monotonicNanos
        self.wallNanos = wallNanos
        self.synchronized = synchronized
    }

    /// How a reading stamped now should be marked.
    public var timeTrust: TimeTrust { synchronized ? .trusted : .untrusted }
}

/// The source of time for the store and for whoever stamps readings.
///
/// Requirements: `now()` is cheap and thread-safe; `bootID` never changes for
/// the life of the process; `monotonicNanos` never decreases.
public protocol ClockSource: Sendable {
    func now() -> ClockSnapshot
}

/// The kernel's clocks: `CLOCK_BOOTTIME`, `CLOCK_REALTIME`, the boot id from
/// `/proc/sys/kernel/random/boot_id` and the synchronisation status from
/// `adjtimex(2)` (`STA_UNSYNC` clear and state not `TIME_ERROR`).
public struct SystemClock: ClockSource {
    public let bootID: BootID

    /// Reads the boot id once; throws when /proc is not readable.
    public init() throws {
        bootID = try SystemClock.readBootID()
    }

    public func now() -> ClockSnapshot {
        ClockSnapshot(
            bootID: bootID, monotonicNanos: MonotonicClock.bootNanos(), wallNanos: MonotonicClock.wallNanos(),
            synchronized: MonotonicClock.wallClockSynchronized())
    }

    static let bootIDPath = "/proc/sys/kernel/random/boot_id"

    /// The boot id without dashes, lowercase: 32 hex digits.
    static func readBootID() throws -> BootID {
        guard let file = fopen(bootIDPath, "re") else {
            throw StoreError(.clock, path: bootIDPath, detail: "cannot read the boot id: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else {
            throw StoreError(.clock, path: bootIDPath, detail: "the boot id file is empty")
        }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let hex = text.filter { $0.isHexDigit }.lowercased()
        guard hex.count == 32 else {
            throw StoreError(.clock, path: bootIDPath, detail: "unexpected boot id '\(text)'")
        }
        return BootID(hex: hex)
    }
}
