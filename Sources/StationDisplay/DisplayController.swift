import Synchronization

/// Decides when the panel is drawn: only when what it would show changes,
/// never more often than `minimumInterval`, and (for an OLED) with the
/// picture moved one pixel through four positions every `shiftPeriod`, so
/// no pixel stays lit for months.
public final class DisplayController: Sendable {
    public let panel: any DisplayPanel
    public let minimumIntervalNanos: UInt64
    public let shiftPeriodNanos: UInt64
    /// The burn-in positions, in order.
    static let shifts: [(dx: Int, dy: Int)] = [(0, 0), (1, 0), (1, 1), (0, 1)]

    private struct Shown: Sendable {
        var content: DisplayContent?
        var shift = -1
        var drawnAt: UInt64?
        var frames = 0
    }
    private let shown = Mutex(Shown())

    public init(panel: any DisplayPanel, minimumIntervalNanos: UInt64, shiftPeriodNanos: UInt64) {
        self.panel = panel
        self.minimumIntervalNanos = minimumIntervalNanos
        self.shiftPeriodNanos = max(1, shiftPeriodNanos)
    }

    /// How many frames have been sent to the panel.
    public var framesDrawn: Int { shown.withLock { $0.frames } }

    /// Draws `content` if it (or the burn-in position) differs from what
    /// the panel shows and the rate allows; returns whether it drew. A
    /// skipped change is drawn by a later call: the caller calls this
    /// periodically. A panel error propagates, and the next call retries.
    @discardableResult
    public func update(_ content: DisplayContent, now: UInt64) throws -> Bool {
        let shift = panel.needsBurnInShift ? Int(now / shiftPeriodNanos % UInt64(Self.shifts.count)) : 0
        let due = shown.withLock { s -> Bool in
            if s.content == content && s.shift == shift { return false }
            if let last = s.drawnAt, now &- last < minimumIntervalNanos { return false }
            s.drawnAt = now
            return true
        }
        guard due else { return false }
        try panel.show(DisplayFrame.render(content, layout: panel.layout, shift: Self.shifts[shift]))
        shown.withLock {
            $0.content = content
            $0.shift = shift
            $0.frames += 1
        }
        return true
    }
}
