import StationDisplay
import StationSystem
import StationTesting
import Synchronization
import Testing

/// When the panel is drawn: on change only, rate-limited, and shifted.
@Suite struct ControllerTests {
    final class CountingPanel: DisplayPanel {
        let layout = DisplayLayout.mono128x64
        let shifting: Bool
        let frames = Mutex<[DisplayFrame]>([])
        init(shifting: Bool) { self.shifting = shifting }
        var needsBurnInShift: Bool { shifting }
        func show(_ frame: DisplayFrame) throws { frames.withLock { $0.append(frame) } }
    }

    static let second: UInt64 = 1_000_000_000

    @Test func redrawsOnlyOnChangeAndAtMostAtTheRate() throws {
        let panel = CountingPanel(shifting: false)
        let controller = DisplayController(panel: panel, minimumIntervalNanos: 2 * Self.second, shiftPeriodNanos: 60 * Self.second)
        var content = Samples.allFree
        #expect(try controller.update(content, now: 10 * Self.second))
        #expect(try !controller.update(content, now: 20 * Self.second))  // unchanged
        content.groups[0].free = 3
        #expect(try controller.update(content, now: 21 * Self.second))
        content.groups[0].free = 2
        #expect(try !controller.update(content, now: 22 * Self.second))  // too soon
        #expect(try controller.update(content, now: 23 * Self.second))  // the held change
        #expect(controller.framesDrawn == 3)
    }

    @Test func oledShiftsThroughFourPositions() throws {
        let panel = CountingPanel(shifting: true)
        let controller = DisplayController(panel: panel, minimumIntervalNanos: Self.second, shiftPeriodNanos: 60 * Self.second)
        for minute in 0..<5 { try controller.update(Samples.allFree, now: UInt64(minute) * 60 * Self.second) }
        let frames = panel.frames.withLock { $0 }
        #expect(frames.count == 5)
        let base = DisplayLayout.mono128x64.render(Samples.allFree)
        #expect(frames[0].canvas == base)
        #expect(frames[1].canvas == base.shifted(dx: 1, dy: 0))
        #expect(frames[2].canvas == base.shifted(dx: 1, dy: 1))
        #expect(frames[3].canvas == base.shifted(dx: 0, dy: 1))
        #expect(frames[4].canvas == base)
        // The margin means the shift loses no lit pixel.
        #expect(frames[2].canvas.pixels.filter { $0 != 0 }.count == base.pixels.filter { $0 != 0 }.count)
    }

    @Test func aFailedDrawIsRetried() throws {
        let bus = RecordingI2CBus()
        let controller = DisplayController(panel: SSD1306Panel(bus: bus), minimumIntervalNanos: 0, shiftPeriodNanos: 3600 * Self.second)
        bus.failWrites(SystemError(call: "write", errno: 121))
        #expect(throws: SystemError.self) { try controller.update(Samples.allFree, now: 1) }
        bus.failWrites(nil)
        #expect(try controller.update(Samples.allFree, now: 2))
        #expect(bus.writes.count == 33)
    }
}
