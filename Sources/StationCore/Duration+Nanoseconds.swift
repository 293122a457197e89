extension Duration {
    /// Whole nanoseconds, for arithmetic with the boot-relative clocks:
    /// a negative duration counts as zero, and one beyond `UInt64` (about
    /// 584 years) saturates instead of trapping.
    public var wholeNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        let (total, carry) = whole.addingReportingOverflow(UInt64(attoseconds / 1_000_000_000))
        return overflow || carry ? .max : total
    }
}
