import StationSensors
import Testing

/// Milliseconds as nanoseconds, for readable times.
private func ms(_ n: UInt64) -> UInt64 { n * 1_000_000 }

private func options(_ kind: InputKind = .presence, stuckAfter: Duration? = nil) -> GPIOInputOptions {
    var o = GPIOInputOptions(name: "bay-1", group: "rack-north", line: GPIOLineRequest(chip: "gpiochip0", offset: 1))
    o.kind = kind
    o.debounce = .milliseconds(50)
    o.stuckAfter = stuckAfter
    return o
}

private func states(_ events: [InputEvent]) -> [OccupancyState] {
    events.compactMap { if case .state(let s) = $0.kind { s } else { nil } }
}

@Suite struct InputTrackerTests {
    @Test func presenceIsKnownOnceTheFirstLevelIsStable() {
        var t = InputTracker(options: options())
        #expect(t.start(active: false, at: 0).isEmpty)
        #expect(t.nextDeadline == ms(50))
        #expect(t.advance(to: ms(49)).isEmpty)
        #expect(t.advance(to: ms(50)) == [InputEvent(input: "bay-1", kind: .state(.free), monotonicNanos: 0)])
    }

    @Test func bouncesWithinTheWindowAreGlitchesNotChanges() {
        var t = InputTracker(options: options())
        _ = t.start(active: false, at: 0)
        _ = t.advance(to: ms(60))
        var events: [InputEvent] = []
        for (time, level) in [(100, true), (105, false), (110, true), (112, false)] {
            events += t.edge(active: level, at: ms(UInt64(time)))
        }
        events += t.advance(to: ms(300))
        #expect(events.isEmpty)
        #expect(t.glitches == 2)
        #expect(t.state == .free)
        // A real arrival, itself bouncing at first: the change is dated when the level began.
        _ = t.edge(active: true, at: ms(400))
        _ = t.edge(active: false, at: ms(402))
        _ = t.edge(active: true, at: ms(404))
        #expect(t.advance(to: ms(453)).isEmpty)
        #expect(t.advance(to: ms(454)) == [InputEvent(input: "bay-1", kind: .state(.occupied), monotonicNanos: ms(404))])
        #expect(t.glitches == 3)
    }

    @Test func togglePulsesFlipTheStateAndShortOrHeldPulsesDoNot() {
        var t = InputTracker(options: options(.pulse(PulseRules(meaning: .toggle))))
        _ = t.start(active: false, at: 0)
        #expect(t.advance(to: ms(100)).isEmpty)
        #expect(t.state == .unknown)
        var events = t.edge(active: true, at: ms(1000)) + t.edge(active: false, at: ms(1300)) + t.advance(to: ms(1400))
        #expect(states(events) == [.occupied])
        #expect(events.first?.monotonicNanos == ms(1000))
        // 80 ms is shorter than the 150 ms minimum.
        events = t.edge(active: true, at: ms(2000)) + t.edge(active: false, at: ms(2080)) + t.advance(to: ms(2200))
        #expect(events.isEmpty)
        #expect(t.glitches == 1)
        events = t.edge(active: true, at: ms(3000)) + t.edge(active: false, at: ms(3500)) + t.advance(to: ms(3600))
        #expect(states(events) == [.free])
        // Held active past the 2 s maximum: a faulty or unpowered detector.
        events = t.edge(active: true, at: ms(5000)) + t.advance(to: ms(6999))
        #expect(events.isEmpty)
        events = t.advance(to: ms(7000))
        #expect(states(events) == [.unknown])
        #expect(events.first?.monotonicNanos == ms(7000))
        // Its end says nothing; the next good pulse is taken as an arrival.
        events = t.edge(active: false, at: ms(8000)) + t.advance(to: ms(8100))
        #expect(events.isEmpty)
        events = t.edge(active: true, at: ms(9000)) + t.edge(active: false, at: ms(9300)) + t.advance(to: ms(9400))
        #expect(states(events) == [.occupied])
    }

    @Test func arrivalPulsesHoldThenFree() {
        var t = InputTracker(options: options(.pulse(PulseRules(meaning: .arrival(hold: .seconds(5))))))
        _ = t.start(active: false, at: 0)
        #expect(states(t.advance(to: ms(100))) == [.free])
        var events = t.edge(active: true, at: ms(1000)) + t.edge(active: false, at: ms(1250)) + t.advance(to: ms(1300))
        #expect(states(events) == [.occupied])
        #expect(t.nextDeadline == ms(6250))
        // A second pulse within the hold extends it.
        events = t.edge(active: true, at: ms(4000)) + t.edge(active: false, at: ms(4250)) + t.advance(to: ms(6300))
        #expect(events.isEmpty)
        events = t.advance(to: ms(9250))
        #expect(states(events) == [.free])
        #expect(events.first?.monotonicNanos == ms(9250))
    }

    @Test func anInputThatNeverChangesIsFlaggedStuckUntilItChanges() {
        var t = InputTracker(options: options(stuckAfter: .seconds(10)))
        _ = t.start(active: true, at: 0)
        _ = t.advance(to: ms(50))
        #expect(t.state == .occupied)
        #expect(t.advance(to: ms(9999)).isEmpty)
        #expect(t.advance(to: ms(10_000)) == [InputEvent(input: "bay-1", kind: .stuck(true), monotonicNanos: ms(10_000))])
        #expect(t.isStuck)
        #expect(t.advance(to: ms(30_000)).isEmpty)
        let events = t.edge(active: false, at: ms(40_000)) + t.advance(to: ms(40_100))
        #expect(events.map(\.kind) == [.stuck(false), .state(.free)])
        #expect(!t.isStuck)
    }

    @Test func groupSnapshotsCountEachState() {
        var trackers: [InputTracker] = []
        for bay in 0..<12 {
            var o = options()
            o.name = "bay-\(bay)"
            var t = InputTracker(options: o)
            if bay < 11 {
                _ = t.start(active: bay % 3 == 0, at: 0)
                _ = t.advance(to: ms(100))
            }
            trackers.append(t)
        }
        var other = options()
        other.group = "doors"
        trackers.append(InputTracker(options: other))
        let snapshots = GroupSnapshot.of(trackers, at: ms(200))
        #expect(snapshots.map(\.group) == ["doors", "rack-north"])
        #expect(snapshots[1].occupied == 4 && snapshots[1].free == 7 && snapshots[1].unknown == 1 && snapshots[1].total == 12)
        #expect(snapshots[0].unknown == 1)
    }

    @Test func lostLineIsUnknown() {
        var t = InputTracker(options: options())
        _ = t.start(active: true, at: 0)
        _ = t.advance(to: ms(100))
        #expect(states(t.lost(at: ms(200))) == [.unknown])
        #expect(t.nextDeadline == nil)
    }
}
