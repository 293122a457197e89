import StationCore
import StationSystem
import Testing

@Suite struct LoggingTests {
    @Test func rfc3339FormatsKnownInstants() {
        #expect(RFC3339.format(unixNanos: 0) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.format(unixNanos: 1_700_000_000_123_456_789) == "2023-11-14T22:13:20.123Z")
        #expect(RFC3339.format(unixNanos: 1_700_000_000_123_456_789, fractionDigits: 9) == "2023-11-14T22:13:20.123456789Z")
        #expect(RFC3339.format(unixNanos: -1, fractionDigits: 3) == "1969-12-31T23:59:59.999Z")
        #expect(RFC3339.format(unixNanos: 951_782_400_000_000_000, fractionDigits: 0) == "2000-02-29T00:00:00Z")
    }

    @Test func rfc3339ParsesWhatItFormatsAndOffsets() {
        for nanos: Int64 in [0, 1_700_000_000_123_000_000, -1_000_000, 951_782_400_000_000_000] {
            #expect(RFC3339.parse(RFC3339.format(unixNanos: nanos)) == nanos)
        }
        #expect(RFC3339.parse("2023-11-14T23:13:20+01:00") == 1_700_000_000_000_000_000)
        #expect(RFC3339.parse("2023-11-14T22:13:20.5Z") == 1_700_000_000_500_000_000)
        #expect(RFC3339.parse("2023-11-14T22:13:20.1234567891Z") == 1_700_000_000_123_456_789)
        #expect(RFC3339.parse("2999-01-01T00:00:00Z") == nil)  // beyond 64-bit nanoseconds
        #expect(RFC3339.parse("2023-11-14 22:13:20Z") == nil)
        #expect(RFC3339.parse("2023-13-14T22:13:20Z") == nil)
        #expect(RFC3339.parse("2023-11-14T22:13:20") == nil)
        #expect(RFC3339.parse("2023-11-14T22:13:20Zjunk") == nil)
    }

    @Test func civilDateRoundTrips() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (y, m, d) = RFC3339.civilDate(daysSinceEpoch: days)
            #expect(RFC3339.daysSinceEpoch(year: y, month: m, day: d) == days)
        }
    }

    @Test func thresholdFiltersAndCanChange() {
        let memory = MemoryLogHandler()
        let threshold = LogThreshold(.warning)
        let logger = Logger(label: "test", handler: memory, threshold: threshold)
        logger.info("hidden")
        logger.error("shown")
        threshold.current = .debug
        logger.child("store").debug("now shown")
        #expect(memory.recorded == ["error test: shown", "debug store: now shown"])
    }

    @Test func levelNamesAndJournalPriorities() {
        #expect(LogLevel(name: "warn") == .warning)
        #expect(LogLevel(name: "loud") == nil)
        #expect(LogLevel.allCases.map(\.syslogPriority) == [7, 6, 4, 3])
    }
}
