import StationSensors

/// An emulated Nova SDS011: answers mode, query, sleep/work and working-period
/// commands with `AA C5` replies and streams `AA C0` frames in active mode.
/// Asleep, it hears only "work".
struct SDS011Device: EmulatedDevice {
    static let deviceID: UInt16 = 0x60A1
    var decoder = SDS011Decoder()
    var pacer = Pacer()
    var period: UInt8 = 0

    func measurement(_ now: UInt64, _ state: EmulatorState) -> [UInt8] {
        SDS011Encoder.measurement(pm2_5: state.pm(state.readings.pm2_5, now), pm10: state.pm(state.readings.pm10, now), deviceID: Self.deviceID)
    }

    mutating func receive(_ bytes: [UInt8], now: UInt64, state: inout EmulatorState) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for case .command(let data, _) in decoder.messages(in: bytes) {
            let set = data[1] == 1
            switch SDS011Command(rawValue: data[0]) {
            case .sleepWork?:
                state.count(set ? (data[2] == 0 ? "sleep" : "wake") : "state")
                if set {
                    let wasAsleep = state.asleep
                    state.asleep = data[2] == 0
                    if wasAsleep && !state.asleep { state.wokeAt = now }
                }
                out.append(SDS011Encoder.reply([0x06, data[1], state.asleep ? 0 : 1, 0], deviceID: Self.deviceID))
            case _ where state.asleep:
                continue
            case .reportingMode?:
                state.count("mode")
                if set { state.active = data[2] == 0 }
                out.append(SDS011Encoder.reply([0x02, data[1], state.active ? 0 : 1, 0], deviceID: Self.deviceID))
            case .queryData?:
                state.count("query")
                out.append(measurement(now, state))
            case .workingPeriod?:
                state.count("period")
                if set { period = data[2] }
                out.append(SDS011Encoder.reply([0x08, data[1], period, 0], deviceID: Self.deviceID))
            case nil:
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
