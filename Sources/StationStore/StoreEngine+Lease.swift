import StationCore

extension StoreEngine {
    /// Hands out up to `max` readings not yet leased, live ones first.
    ///
    /// "Live" are readings from `liveStart` on: everything in memory plus what
    /// was committed since the uplink started leasing after its last
    /// (re)connect. Older committed readings are the backlog, drained oldest
    /// first. Each batch takes live readings in order, but keeps at least a
    /// quarter of the batch for the backlog while one exists, so a busy live
    /// stream never starves the backlog and the backlog never delays live
    /// readings by more than one batch.
    ///
    /// Memory stays flat: the backlog is read by primary-key ranges from two
    /// cursors; only leased-and-unacknowledged seqs are held in memory.
    func lease(max: Int) throws -> [StoredReading] {
        try ensureUsable()
        guard max > 0 else { return [] }
        startLiveIfNeeded()
        // A quarter: batches under four readings give live readings all of it.
        let backlogShare = backlogCursor < (liveStart ?? nextSeq) ? max / 4 : 0
        var out = try leaseLive(max: max - backlogShare)
        out += try leaseBacklog(max: max - out.count)
        return out
    }

    /// Up to `max` unleased live readings, oldest first (for an uplink that
    /// sends live and backlog readings differently).
    func leaseLive(max: Int) throws -> [StoredReading] {
        try ensureUsable()
        guard max > 0 else { return [] }
        startLiveIfNeeded()
        var out: [StoredReading] = []
        out.reserveCapacity(max)
        try scanDisk(from: &liveCursor, below: UInt64(Int64.max), limit: max, into: &out)
        for i in pending.indices where out.count < max && !pending[i].leased && !pending[i].acked {
            pending[i].leased = true
            out.append(stored(pending[i].seq, pending[i].reading))
        }
        return out
    }

    /// Up to `max` unleased backlog readings, oldest first.
    func leaseBacklog(max: Int) throws -> [StoredReading] {
        try ensureUsable()
        guard max > 0 else { return [] }
        startLiveIfNeeded()
        var out: [StoredReading] = []
        let boundary = liveStart ?? nextSeq
        if backlogCursor < boundary {
            try scanDisk(from: &backlogCursor, below: boundary, limit: max, into: &out)
        }
        return out
    }

    /// The first lease after a (re)connect fixes the live/backlog boundary.
    private func startLiveIfNeeded() {
        guard liveStart == nil else { return }
        let start = Swift.min(pending.first?.seq ?? nextSeq, nextSeq)
        liveStart = start
        liveCursor = start
        backlogCursor = 0
    }

    /// Up to `max` held readings with a sequence number from `from` on,
    /// oldest first, leased or not, without leasing them: what a technician
    /// looks at or exports. Reads by primary-key range, so paging through a
    /// large backlog costs no memory.
    func peek(from: UInt64, max: Int) throws -> [StoredReading] {
        try ensureUsable()
        guard max > 0 else { return [] }
        var out: [StoredReading] = []
        if let sql {
            let s = sql.selectRange
            s.bind(1, Int64(bitPattern: from))
            s.bind(2, Int64.max)
            s.bind(3, Int64(max))
            do {
                defer { s.reset() }
                while try s.step() {
                    let seq = UInt64(bitPattern: s.int64(0))
                    if !ackedOnDisk.contains(seq) { out.append(stored(seq, row(s))) }
                }
            } catch let error as SQLiteError {
                throw StoreError(error)
            }
        }
        for entry in pending where out.count < max && !entry.acked && entry.seq >= from {
            out.append(stored(entry.seq, entry.reading))
        }
        return out
    }

    /// Reads unleased committed readings from `cursor` (advancing it) until
    /// `out` holds `limit` or the range is exhausted.
    private func scanDisk(from cursor: inout UInt64, below end: UInt64, limit: Int, into out: inout [StoredReading]) throws {
        guard let sql else { return }
        let s = sql.selectRange
        while out.count < limit && cursor < end {
            let want = limit - out.count
            s.bind(1, Int64(bitPattern: cursor))
            s.bind(2, Int64(bitPattern: end))
            s.bind(3, Int64(want))
            var rows = 0
            do {
                defer { s.reset() }
                while try s.step() {
                    rows += 1
                    let seq = UInt64(bitPattern: s.int64(0))
                    cursor = seq + 1
                    if leasedOnDisk.contains(seq) || ackedOnDisk.contains(seq) { continue }
                    leasedOnDisk.insert(seq)
                    out.append(stored(seq, row(s)))
                }
            } catch let error as SQLiteError {
                throw StoreError(error)
            }
            if rows < want { break }  // nothing more in the range for now
        }
    }

    private func row(_ s: SQLiteStatement) -> Reading {
        let boot = boots[s.int64(6)]?.id ?? BootID(hex: "unknown")
        return Reading(
            sensor: names[s.int64(2)] ?? "", quantity: names[s.int64(3)] ?? "",
            value: s.double(5), unit: names[s.int64(4)] ?? "",
            kind: StoreSchema.kind(s.int64(1)), bootID: boot,
            monotonicNanos: UInt64(bitPattern: s.int64(7)), wallNanos: s.int64(8),
            timeTrust: StoreSchema.trust(s.int64(9)))
    }

    /// Numbers a reading and applies what the store has learnt about its
    /// boot's clock since it was taken.
    func stored(_ seq: UInt64, _ reading: Reading) -> StoredReading {
        StoredReading(
            id: ReadingID(stationID: options.stationID, bootID: reading.bootID, sequence: seq),
            reading: corrected(reading))
    }

    /// An untrusted reading whose boot later synchronised gets its wall time
    /// from the boot-relative time and the boot's learnt offset.
    func corrected(_ reading: Reading) -> Reading {
        guard reading.timeTrust == .untrusted, let row = bootRows[reading.bootID],
            let offset = boots[row]?.wallOffset
        else { return reading }
        var fixed = reading
        fixed.wallNanos = offset &+ Int64(bitPattern: reading.monotonicNanos)
        fixed.timeTrust = .corrected
        return fixed
    }

    /// The broker has the readings (PUBACK): drop the ones still in memory,
    /// delete the committed ones at the next group commit.
    func acknowledge(sequences: [UInt64]) throws {
        try ensureUsable()
        let now = clock.now().monotonicNanos
        for seq in sequences {
            if let i = pendingIndex(seq) {
                if !pending[i].acked {
                    pending[i].acked = true
                    deliveredTotal += 1
                }
                continue
            }
            if ackedOnDisk.contains(seq) { continue }
            if leasedOnDisk.remove(seq) != nil { deliveredTotal += 1 }
            ackedOnDisk.insert(seq)
            if oldestAckWaiting == nil { oldestAckWaiting = now }
        }
        countersDirty = true
        if ackedOnDisk.count >= 4096 { try commit(force: false) }
    }

    /// Pending entries are in seq order: binary search.
    func pendingIndex(_ seq: UInt64) -> Int? {
        var lo = 0
        var hi = pending.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if pending[mid].seq < seq { lo = mid + 1 } else { hi = mid }
        }
        return lo < pending.count && pending[lo].seq == seq ? lo : nil
    }

    /// The uplink lost its connection: every unacknowledged lease comes back
    /// and will be handed out again (the platform de-duplicates by id).
    func returnLeases() {
        leasedOnDisk.removeAll()
        for i in pending.indices { pending[i].leased = false }
        liveStart = nil
    }
}
