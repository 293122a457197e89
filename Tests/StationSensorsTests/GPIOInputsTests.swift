@testable import StationSensors
import StationSystem
import StationTesting
import Synchronization
import Testing

final class GPIOLog: Sendable {
    private let events = Mutex<[GPIOEvent]>([])
    func add(_ e: GPIOEvent) { events.withLock { $0.append(e) } }
    var all: [GPIOEvent] { events.withLock { $0 } }
    var changes: [InputEvent] { all.compactMap { if case .input(let e) = $0 { e } else { nil } } }
    var failures: [String] { all.compactMap { if case .lineFailed(let name, _) = $0 { name } else { nil } } }
    var lastSnapshot: [GroupSnapshot]? { all.compactMap { if case .snapshot(let s) = $0 { s } else { nil } }.last }
}

@Suite struct GPIOInputsTests {
    func input(_ name: String, _ group: String, chip: String = "gpiochip0", _ offset: Int, activeLow: Bool = false, bias: GPIOBias = .asIs) -> GPIOInputOptions {
        var o = GPIOInputOptions(name: name, group: group, line: GPIOLineRequest(chip: chip, offset: offset, activeLow: activeLow, bias: bias))
        o.debounce = .milliseconds(20)
        return o
    }

    @Test func simulatedChipThroughTheRunner() async throws {
        let chip = SimulatedGPIO()
        let log = GPIOLog()
        let inputs = GPIOInputs(
            inputs: [
                input("bay-1", "rack", 1), input("bay-2", "rack", 2),
                // An IR beam: open collector, pulled up, active (broken beam) when low.
                input("beam", "door", 3, activeLow: true, bias: .pullUp),
            ],
            backend: chip, snapshotInterval: .milliseconds(200), onEvent: log.add)
        try inputs.prepare()
        let task = Task { try await inputs.run() }
        #expect(await eventually { inputs.snapshot.allSatisfy { $0.unknown == 0 } })
        #expect(inputs.snapshot.first { $0.group == "door" }?.free == 1)
        chip.set(offset: 1, high: true)
        // A bouncing contact on bay 2: no change.
        for _ in 0..<3 {
            chip.set(offset: 2, high: true)
            chip.set(offset: 2, high: false)
        }
        chip.set(offset: 3, high: false)
        func counts() -> [String] { inputs.snapshot.map { "\($0.group) \($0.occupied)/\($0.free)/\($0.unknown)" } }
        let seen = await eventually { counts() == ["door 1/0/0", "rack 1/1/0"] }
        let periodic = await eventually(2) { log.all.filter { if case .snapshot = $0 { true } else { false } }.count >= 4 }
        task.cancel()
        _ = try? await task.value
        #expect(seen, "\(counts())")
        #expect(periodic)
        #expect(inputs.trackers[1].glitches >= 1)
        #expect(!log.changes.contains { $0.input == "bay-2" && $0.kind == .state(.occupied) })
        #expect(log.changes.contains { $0.input == "bay-1" && $0.kind == .state(.occupied) })
        // The lines were released when run() returned.
        _ = try chip.open(GPIOLineRequest(chip: "gpiochip0", offset: 1)).close()
    }

    @Test func missingChipAndLineAreNamedAndOthersStillWork() async throws {
        let chip = SimulatedGPIO(lineCount: 8)
        let log = GPIOLog()
        let inputs = GPIOInputs(
            inputs: [input("ok", "rack", 1), input("no-chip", "rack", chip: "gpiochip9", 4), input("no-line", "rack", 40)],
            backend: chip, onEvent: log.add)
        do {
            try inputs.prepare()
            Issue.record("prepare accepted a missing chip")
        } catch {
            #expect(error.description == """
                GPIO chip 'gpiochip9' line 4: gpiod_chip_open_lookup failed: No such file or directory (errno 2)
                GPIO chip 'gpiochip0' line 40: gpiod_chip_get_line failed: Invalid argument (errno 22)
                """)
        }
        #expect(log.failures == ["no-chip", "no-line"])
        let task = Task { try await inputs.run() }
        chip.set(offset: 1, high: true)
        let counted = await eventually { inputs.snapshot.first?.occupied == 1 }
        task.cancel()
        _ = try? await task.value
        #expect(counted)
        #expect(inputs.snapshot.first?.unknown == 2)
    }

    @Test func busyLineIsRefused() throws {
        let chip = SimulatedGPIO()
        let line = try chip.open(GPIOLineRequest(chip: "gpiochip0", offset: 5))
        #expect(throws: GPIOError(chip: "gpiochip0", offset: 5, call: "gpiod_line_request_both_edges_events_flags", errno: 16)) {
            _ = try chip.open(GPIOLineRequest(chip: "gpiochip0", offset: 5))
        }
        line.close()
    }

    @Test func libgpiodReportsTheMissingChipByNameAndOffset() {
        // This machine's kernel has no GPIO: the real library must say so clearly.
        do {
            let line = try LibgpiodBackend().open(GPIOLineRequest(chip: "gpiochip0", offset: 17))
            line.close()
            // On a board with GPIO the open succeeds; nothing more to check here.
        } catch {
            #expect(error.chip == "gpiochip0" && error.offset == 17)
            #expect(error.description.hasPrefix("GPIO chip 'gpiochip0' line 17: gpiod_chip_open_lookup failed: "))
        }
        #expect(!GPIOLibrary.version.isEmpty)
    }

    @Test func libgpiodFlagsAreTheV1Bits() {
        func flags(_ activeLow: Bool, _ bias: GPIOBias) -> Int32 {
            LibgpiodBackend.flags(GPIOLineRequest(chip: "c", offset: 0, activeLow: activeLow, bias: bias))
        }
        #expect(flags(false, .asIs) == 0)
        #expect(flags(true, .asIs) == 1 << 2)
        #expect(flags(false, .disabled) == 1 << 3)
        #expect(flags(false, .pullDown) == 1 << 4)
        #expect(flags(true, .pullUp) == 1 << 2 | 1 << 5)
    }
}

@Suite struct RandomOccupancyTests {
    @Test func randomOccupancyFlipsDebouncedStates() async throws {
        let chip = SimulatedGPIO()
        let log = GPIOLog()
        var options = GPIOInputOptions(name: "bay", group: "rack", line: GPIOLineRequest(chip: "gpiochip0", offset: 0))
        options.debounce = .milliseconds(5)
        let inputs = GPIOInputs(inputs: [options], backend: chip, onEvent: log.add)
        try inputs.prepare()
        let task = Task { try await inputs.run() }
        let random = try RandomOccupancy(chip: chip, offsets: [0], meanDwell: .milliseconds(60), bounces: 2)
        let changed = await eventually { log.changes.count >= 4 }
        random.stop()
        task.cancel()
        _ = try? await task.value
        #expect(changed)
        #expect(random.flips >= 3)
        // Each flip came with two bounces the debounce rejected.
        #expect(inputs.trackers[0].glitches >= 2)
    }
}

@Suite struct GPIOLineLossTests {
    @Test func aVanishedChipMakesItsInputsUnknownUntilItReturns() async throws {
        let chip = SimulatedGPIO()
        let log = GPIOLog()
        var options = GPIOInputOptions(name: "bay", group: "rack", line: GPIOLineRequest(chip: "gpiochip0", offset: 2))
        options.debounce = .milliseconds(5)
        let inputs = GPIOInputs(inputs: [options], backend: chip, reopenInterval: .milliseconds(100), onEvent: log.add)
        chip.set(offset: 2, high: true)
        try inputs.prepare()
        let task = Task { try await inputs.run() }
        let occupied = await eventually { inputs.trackers[0].state == .occupied }
        chip.disconnect()
        let lost = await eventually { inputs.trackers[0].state == .unknown }
        let reported = log.failures
        chip.reconnect()
        let back = await eventually { inputs.trackers[0].state == .occupied }
        task.cancel()
        _ = try? await task.value
        #expect(occupied && lost && back)
        #expect(reported.first == "bay")
        #expect(log.all.contains(.lineFailed(input: "bay", GPIOError(chip: "gpiochip0", offset: 2, call: "gpiod_line_event_read_multiple", errno: 19))))
        #expect(log.changes.map(\.kind) == [.state(.occupied), .state(.unknown), .state(.occupied)])
    }
}
