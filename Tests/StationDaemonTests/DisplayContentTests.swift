import StationCore
import StationDaemon
import StationDisplay
import StationSensors
import StationStore
import StationSystem
import Testing

/// How live state becomes what the display shows.
@Suite struct DisplayContentTests {
    static func clock(synchronized: Bool) -> ClockSnapshot {
        ClockSnapshot(bootID: BootID(hex: "00"), monotonicNanos: 1, wallNanos: 1_764_403_200_000_000_000, synchronized: synchronized)
    }

    static func builder(age: Double? = nil, connected: Bool? = nil, synchronized: Bool = false) -> DisplayContentBuilder {
        DisplayContentBuilder(
            language: .de, station: "Süd",
            groups: [GroupSnapshot(group: "rack", occupied: 3, free: 1, unknown: 1, at: 0)],
            sensors: [
                ("pm-a", .ok, [SensorValue("pm2_5", 10, "ug/m3"), SensorValue("pm10", 30, "ug/m3"), SensorValue("pm1_0", 5, "ug/m3")]),
                ("pm-b", .degraded, [SensorValue("pm2_5", 20, "ug/m3")]),
                // Unavailable: its last value is stale, so it is a fault, not a figure.
                ("pm-c", .unavailable, [SensorValue("pm2_5", 500, "ug/m3")]),
                ("co2", .ok, [SensorValue("co2", 800, "ppm"), SensorValue("temperature", 21, "degC")]),
            ],
            uplinkConnected: connected, queueDepth: 1234, oldestAgeSeconds: age, clock: clock(synchronized: synchronized))
    }

    @Test func airIsTheMeanOfWorkingSensorsAndTheOthersAreFaults() {
        let c = Self.builder().content
        #expect(c.groups == [.init(name: "rack", free: 1, total: 5)])
        #expect(c.air == DisplayContent.Air(pm2_5: 15, pm10: 30, co2: 800))
        #expect(c.faults == ["pm-c"])
        #expect(c.station == "Süd" && c.language == .de)
    }

    @Test func offlineFromTheOldestUndeliveredReadingInWholeMinutes() {
        #expect(Self.builder(age: nil).content.uplink == .online)
        #expect(Self.builder(age: 59.9).content.uplink == .online)
        #expect(Self.builder(age: 60).content.uplink == .offline(seconds: 60, queued: 1234))
        #expect(Self.builder(age: 7559).content.uplink == .offline(seconds: 7500, queued: 1234))
    }

    @Test func theLinkDecidesWhenAnUplinkRuns() {
        // Connected and draining a backlog: online.
        #expect(Self.builder(age: 7559, connected: true).content.uplink == .online)
        // Link down: offline even before the first reading waits a minute.
        #expect(Self.builder(age: 20, connected: false).content.uplink == .offline(seconds: 0, queued: 1234))
        #expect(Self.builder(age: nil, connected: false).content.uplink == .offline(seconds: 0, queued: 1234))
        #expect(Self.builder(age: 150, connected: false).content.uplink == .offline(seconds: 120, queued: 1234))
    }

    @Test func timeOnlyWhenTheClockIsTrusted() {
        #expect(Self.builder(synchronized: false).content.time == nil)
        #expect(Self.builder(synchronized: true).content.time == LocalTime.hoursMinutes(epochSeconds: 1_764_403_200))
    }

    @Test func noAirWithoutAirSensors() {
        var b = Self.builder()
        b.sensors = []
        #expect(b.content.air == nil)
        #expect(b.content.faults.isEmpty)
    }
}
