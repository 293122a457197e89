import StationCore

extension StoreEngine {
    /// Deletes every held reading, committed or not, leased or not, counted
    /// as `purged`. Returns how many. Sequence numbers go on from where they
    /// were: ids are never reused.
    func purge() throws -> Int {
        try ensureUsable()
        let held = diskCount - ackedOnDisk.count + pending.filter { !$0.acked }.count
        try withRecovery("purge") {
            let (_, sql) = try connection()
            try openTransaction {
                sql.deleteUpTo.bind(1, Int64.max)
                try sql.deleteUpTo.run()
            }
        }
        diskCount = 0
        pending.removeAll()
        leasedOnDisk.removeAll()
        ackedOnDisk.removeAll()
        oldestAckWaiting = nil
        liveStart = nil
        sampleCursor = nextSeq
        evicted[.purged, default: 0] += UInt64(max(0, held))
        countersDirty = true
        return max(0, held)
    }
}
