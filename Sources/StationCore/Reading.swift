/// What a reading says about the world, which decides how the store treats
/// it when space runs out: periodic samples are given up before state changes.
public enum ReadingKind: String, Sendable, Hashable, CaseIterable {
    /// A debounced occupancy change (a bay became free or occupied).
    case stateChange = "state_change"
    /// A periodic measurement (PM2.5, CO2, a group snapshot).
    case sample
    /// The station's own status (health, alarms).
    case status
}

/// How far a reading's wall-clock time can be trusted.
public enum TimeTrust: String, Sendable, Hashable, CaseIterable {
    /// Taken while the kernel said the clock was synchronised.
    case trusted
    /// Taken before synchronisation in the same boot, and corrected afterwards
    /// from the boot id and monotonic time.
    case corrected
    /// Taken before synchronisation in a boot that never synchronised.
    case untrusted
}

/// The kernel's random id of one boot (`/proc/sys/kernel/random/boot_id`),
/// 32 lowercase hex digits without dashes.
public struct BootID: Sendable, Hashable, CustomStringConvertible {
    public let hex: String

    public init(hex: String) {
        self.hex = hex
    }

    public var description: String { hex }
}

/// One measurement as a sensor produced it, before the store numbers it.
public struct Reading: Sendable, Hashable {
    /// The configured sensor name (`[[sensor]] name`).
    public var sensor: String
    /// A quantity name used everywhere: `pm2_5`, `co2`, `occupied`, ...
    public var quantity: String
    public var value: Double
    /// The unit as the sensor gives it: `ug/m3`, `ppm`, `degC`, `%`, ...
    public var unit: String
    public var kind: ReadingKind
    /// The boot in which the reading was taken.
    public var bootID: BootID
    /// Nanoseconds since boot (`CLOCK_BOOTTIME`) when the reading was taken:
    /// the time base that survives a wrong wall clock.
    public var monotonicNanos: UInt64
    /// Nanoseconds since the Unix epoch as the wall clock said at the time.
    public var wallNanos: Int64
    public var timeTrust: TimeTrust

    public init(
        sensor: String, quantity: String, value: Double, unit: String, kind: ReadingKind,
        bootID: BootID, monotonicNanos: UInt64, wallNanos: Int64, timeTrust: TimeTrust
    ) {
        self.sensor = sensor
        self.quantity = quantity
        self.value = value
        self.unit = unit
        self.kind = kind
        self.bootID = bootID
        self.monotonicNanos = monotonicNanos
        self.wallNanos = wallNanos
        self.timeTrust = timeTrust
    }
}
