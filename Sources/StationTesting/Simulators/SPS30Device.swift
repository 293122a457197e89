import StationSensors

/// An emulated Sensirion SPS30 (SHDLC): start/stop measurement, read (with
/// "no new data" between periods), sleep/wake, reset; commands not allowed
/// in the current state are answered with state 0x43, as the sensor does.
/// Asleep, it hears only wake-up.
struct SPS30Device: EmulatedDevice {
    var decoder = SHDLCDecoder(role: .requests)
    var pacer = Pacer()

    func reply(_ command: UInt8, state: UInt8 = 0, _ data: [UInt8] = []) -> [UInt8] {
        SHDLC.encode(address: SPS30.address, command: command, state: state, data: data)
    }

    mutating func receive(_ bytes: [UInt8], now: UInt64, state: inout EmulatorState) -> [[UInt8]] {
        var out: [[UInt8]] = []
        let refused = SHDLCFrame.commandNotAllowed
        for frame in decoder.messages(in: bytes) {
            let command = SPS30.Command(rawValue: frame.command)
            if state.asleep && command != .wakeUp { continue }
            switch command {
            case .startMeasurement?:
                state.count("start")
                if state.measuring { out.append(reply(frame.command, state: refused)); continue }
                state.measuring = true
                state.wokeAt = now
                pacer.restart(now, period: state.period)
                out.append(reply(frame.command))
            case .stopMeasurement?:
                state.count("stop")
                state.measuring = false
                out.append(reply(frame.command))
            case .readMeasurement?:
                state.count("read")
                guard state.measuring else { out.append(reply(frame.command, state: refused)); continue }
                guard pacer.due(now, period: state.period) else { out.append(reply(frame.command)); continue }
                let r = state.readings
                let floats = [r.pm1_0, r.pm2_5, r.pm4_0, r.pm10].map { Float(state.pm($0, now)) }
                    + r.counts.prefix(5).map { Float($0) } + [0.6]
                out.append(SPS30.measurementReply(floats))
            case .sleep?:
                state.count("sleep")
                if state.measuring { out.append(reply(frame.command, state: refused)); continue }
                state.asleep = true
                out.append(reply(frame.command))
            case .wakeUp?:
                state.count("wake")
                if !state.asleep { out.append(reply(frame.command, state: refused)); continue }
                state.asleep = false
                out.append(reply(frame.command))
            case .deviceReset?:
                state.count("reset")
                state.measuring = false
                out.append(reply(frame.command))
            case .fanCleaning?:
                state.count("clean")
                out.append(reply(frame.command, state: state.measuring ? 0 : refused))
            case nil:
                state.count("unknown")
                out.append(reply(frame.command, state: 0x02))
            }
        }
        return out
    }
}
