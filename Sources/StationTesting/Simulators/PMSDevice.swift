import StationSensors

/// An emulated Plantower PMS5003/7003/A003: mode and sleep commands answered
/// with 8-byte replies, passive reads, streaming in active mode. Asleep, it
/// hears only the wake command (which it does not answer).
struct PMSDevice: EmulatedDevice {
    var decoder = PMSDecoder(acceptsCommands: true)
    var pacer = Pacer()

    func measurement(_ now: UInt64, _ state: EmulatorState) -> [UInt8] {
        let r = state.readings
        func w(_ v: Double) -> UInt16 { UInt16(clamping: Int(state.pm(v, now).rounded())) }
        let m = PMSMeasurement(
            pm1_0CF1: w(r.pm1_0), pm2_5CF1: w(r.pm2_5), pm10CF1: w(r.pm10),
            pm1_0: w(r.pm1_0), pm2_5: w(r.pm2_5), pm10: w(r.pm10),
            counts: r.counts.map { UInt16(clamping: Int($0)) })
        return PMSEncoder.measurement(m)
    }

    mutating func receive(_ bytes: [UInt8], now: UInt64, state: inout EmulatorState) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for case .command(let command, let data) in decoder.messages(in: bytes) {
            switch command {
            case 0xE4:
                if data == 0 {
                    state.count("sleep")
                    state.asleep = true
                    out.append(PMSEncoder.reply(command: 0xE4, data: 0))
                } else {
                    state.count("wake")
                    if state.asleep { state.wokeAt = now }
                    state.asleep = false
                    pacer.restart(now, period: state.period)
                }
            case _ where state.asleep:
                continue
            case 0xE1:
                state.count("mode")
                state.active = data == 1
                out.append(PMSEncoder.reply(command: 0xE1, data: UInt8(truncatingIfNeeded: data)))
            case 0xE2:
                state.count("query")
                if !state.active { out.append(measurement(now, state)) }
            default:
                state.count("unknown")
            }
        }
        return out
    }

    func nextTick(_ state: EmulatorState) -> UInt64? {
        state.active && !state.asleep ? pacer.next : nil
    }

    mutating func tick(now: UInt64, state: inout EmulatorState) -> [[UInt8]] {
        guard state.active, !state.asleep, pacer.due(now, period: state.period) else { return [] }
        return [measurement(now, state)]
    }
}
