import StationSensors

/// An emulated Winsen MH-Z19B: answers reads with the CO2 value (the
/// warm-up value while preheating) and echoes configuration commands.
struct MHZ19BDevice: EmulatedDevice {
    var decoder = MHZ19BDecoder()

    mutating func receive(_ bytes: [UInt8], now: UInt64, state: inout EmulatorState) -> [[UInt8]] {
        var out: [[UInt8]] = []
        // Host frames are FF 01 CMD ...; the sensor number is body[0].
        for frame in decoder.messages(in: bytes) where frame.body[0] == 0x01 {
            switch frame.body[1] {
            case MHZ19BEncoder.readCommand:
                state.count("read")
                let ppm = state.warmingUp(now) ? EmulatedReadings.warmUpValue : state.readings.co2
                out.append(MHZ19BEncoder.readReply(ppm: UInt16(clamping: Int(ppm.rounded()))))
            case let command:
                state.count(String(command, radix: 16))
                out.append(MHZ19BEncoder.reply(command, []))
            }
        }
        return out
    }
}

/// An emulated Senseair S8: Modbus input registers 0 to 3 (meter status,
/// alarm status, output status, CO2), any run of them in one read; anything
/// else is answered with exception 02 (illegal address).
struct S8Device: EmulatedDevice {
    var decoder = ModbusDecoder(role: .requests)

    mutating func receive(_ bytes: [UInt8], now: UInt64, state: inout EmulatorState) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for frame in decoder.messages(in: bytes) {
            let p = frame.payload
            let register = p.count >= 4 ? Int(p[0]) << 8 | Int(p[1]) : 0xFFFF
            let count = p.count >= 4 ? Int(p[2]) << 8 | Int(p[3]) : 0
            let registers: [UInt16] = [state.meterStatus, 0, 0, UInt16(clamping: Int(state.readings.co2.rounded()))]
            guard frame.function == 0x04, count >= 1, register + count <= registers.count else {
                state.count("unknown")
                out.append(ModbusEncoder.exception(address: frame.address, function: frame.function, code: 2))
                continue
            }
            state.count(register == 0 && count == 1 ? "status" : "read")
            out.append(ModbusEncoder.readReply(address: frame.address, function: 4, words: Array(registers[register..<register + count])))
        }
        return out
    }
}

/// An emulated Sensirion SCD30 on Modbus: the command registers, data-ready
/// once per period while measuring, and the measurement as six words.
struct SCD30Device: EmulatedDevice {
    var decoder = ModbusDecoder(role: .requests, address: SCD30.address)
    var pacer = Pacer()
    var ready = false
    var interval: UInt16 = 2

    mutating func receive(_ bytes: [UInt8], now: UInt64, state: inout EmulatorState) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for frame in decoder.messages(in: bytes) {
            let p = frame.payload
            let register = UInt16(p[0]) << 8 | UInt16(p[1])
            let value = UInt16(p[2]) << 8 | UInt16(p[3])
            let echo = ModbusCRC.appending(to: [frame.address, frame.function] + p)
            switch (frame.function, register) {
            case (0x06, 0x0036):
                state.count("start")
                state.measuring = true
                state.wokeAt = now
                pacer.restart(now, period: state.period)
                out.append(echo)
            case (0x06, 0x0037):
                state.count("stop")
                state.measuring = false
                out.append(echo)
            case (0x06, 0x0025):
                state.count("interval")
                interval = value
                out.append(echo)
            case (0x06, 0x0034):
                state.count("reset")
                state.measuring = false
                out.append(echo)
            case (0x03, SCD30.dataReadyRegister):
                state.count("ready")
                if state.measuring && pacer.due(now, period: state.period) { ready = true }
                out.append(ModbusEncoder.readReply(address: frame.address, function: 3, words: [ready ? 1 : 0]))
            case (0x03, SCD30.measurementRegister):
                state.count("read")
                ready = false
                let r = state.readings
                let words = SCD30.measurementWords(co2: Float(r.co2), temperature: Float(r.temperature), humidity: Float(r.humidity))
                out.append(ModbusEncoder.readReply(address: frame.address, function: 3, words: words))
            default:
                state.count("unknown")
                out.append(ModbusEncoder.exception(address: frame.address, function: frame.function, code: 2))
            }
        }
        return out
    }
}
