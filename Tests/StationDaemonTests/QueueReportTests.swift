import StationDaemon
import Testing

@Suite struct QueueReportTests {
    /// The time to empty counts what keeps arriving: 600 queued, draining at
    /// 25/s while 5/s arrive, empties in 30 s; offline (drain at or below
    /// ingest) it never does, and no time is shown.
    @Test func secondsToEmptyCountsWhatKeepsArriving() {
        #expect(QueueReport.secondsToEmpty(depth: 600, ingestPerSecond: 5, drainPerSecond: 25) == 30)
        #expect(QueueReport.secondsToEmpty(depth: 600, ingestPerSecond: 5.6, drainPerSecond: 0.2) == nil)
        #expect(QueueReport.secondsToEmpty(depth: 600, ingestPerSecond: 5, drainPerSecond: 5) == nil)
        #expect(QueueReport.secondsToEmpty(depth: 0, ingestPerSecond: 0, drainPerSecond: 3) == 0)
    }
}
