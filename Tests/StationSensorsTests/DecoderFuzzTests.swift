import StationSensors
import StationSystem
import StationTesting
import Testing

/// Seeded fuzzing of every decoder: random bytes and mutated valid frames,
/// fed in random splits. Nothing may crash, no buffer may pass its bound, and
/// the valid frames hidden in the noise must still be found.
@Suite struct DecoderFuzzTests {
    /// Runs CPU-bound work on its own thread: on the two-thread cooperative
    /// pool of a 2-core machine it would stall every other test's tasks.
    func offThePool(_ body: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            do {
                try OSThread.detach {
                    body()
                    done.resume()
                }
            } catch {
                Issue.record("no thread: \(error)")
                done.resume()
            }
        }
    }

    static let inputsPerDecoder = 100_000

    /// Valid frames to mutate, per decoder.
    static let seeds: [String: [[UInt8]]] = [
        "sds011": [SDS011Encoder.measurement(pm2_5: 12.3, pm10: 45.6, deviceID: 0x60A1), SDS011Encoder.queryData(), SDS011Encoder.reply([6, 1, 0, 0], deviceID: 1)],
        "pms": [PMSEncoder.measurement(PMSMeasurement(pm1_0CF1: 1, pm2_5CF1: 2, pm10CF1: 3, pm1_0: 4, pm2_5: 5, pm10: 6, counts: [7, 8, 9, 10, 11, 12])), PMSEncoder.reply(command: 0xE4, data: 0)],
        "shdlc": [SPS30.measurementReply([1, 2, Float(bitPattern: 0x7E7D_1113), 4, 5, 6, 7, 8, 9, 10]), SHDLC.encode(address: 0, command: 3, state: 0x43), SPS30.startMeasurement()],
        "mhz19b": [MHZ19BEncoder.readReply(ppm: 636), MHZ19BEncoder.readCO2()],
        "modbus": [ModbusEncoder.readReply(address: 0x61, function: 3, words: SCD30.measurementWords(co2: 400, temperature: 20, humidity: 50)), SenseairS8.readCO2(), ModbusEncoder.exception(address: 0xFE, function: 4, code: 2), SCD30.startContinuous()],
    ]

    static func mutate(_ frame: [UInt8], _ r: inout SeededGenerator) -> [UInt8] {
        var b = frame
        for _ in 0..<Int.random(in: 1...3, using: &r) {
            switch Int.random(in: 0..<6, using: &r) {
            case 0 where !b.isEmpty: b[Int.random(in: 0..<b.count, using: &r)] ^= UInt8(1) << UInt8.random(in: 0...7, using: &r)
            case 1: b.insert(UInt8.random(in: 0...255, using: &r), at: Int.random(in: 0...b.count, using: &r))
            case 2 where !b.isEmpty: b.remove(at: Int.random(in: 0..<b.count, using: &r))
            case 3: b = Array(b.prefix(Int.random(in: 0...b.count, using: &r)))
            case 4: b += frame
            default: b = r.bytes(Int.random(in: 0...4, using: &r)) + b
            }
        }
        return b
    }

    /// Feeds `inputs` generated from `seeds` into `decoder` in random splits; returns frames found.
    static func fuzz<D: FrameDecoder>(_ decoder: inout D, seeds: [[UInt8]], seed: UInt64, inputs: Int = inputsPerDecoder) -> (frames: Int, maxBuffered: Int) {
        var r = SeededGenerator(seed: seed)
        var frames = 0
        var maxBuffered = 0
        for i in 0..<inputs {
            let input: [UInt8]
            switch i % 4 {
            case 0: input = r.bytes(Int.random(in: 0...32, using: &r))
            case 1: input = seeds[Int.random(in: 0..<seeds.count, using: &r)]
            default: input = mutate(seeds[Int.random(in: 0..<seeds.count, using: &r)], &r)
            }
            var rest = input[...]
            while !rest.isEmpty {
                let n = Int.random(in: 1...rest.count, using: &r)
                for case .message in decoder.feed(rest.prefix(n)) { frames += 1 }
                maxBuffered = max(maxBuffered, decoder.bufferedCount)
                rest = rest.dropFirst(n)
            }
        }
        return (frames, maxBuffered)
    }

    static func check<D: FrameDecoder>(_ decoder: inout D, _ seeds: String, seed: UInt64) {
        let (frames, maxBuffered) = fuzz(&decoder, seeds: Self.seeds[seeds]!, seed: seed)
        #expect(maxBuffered <= D.maximumBuffered)
        // A quarter of the inputs are clean frames: at least those are found.
        #expect(frames >= inputsPerDecoder / 4, "\(seeds): \(frames) frames")
        #expect(decoder.failures[.checksum] > 0 && decoder.failures[.framing] > 0)
    }

    @Test func sds011() async { await offThePool { var d = SDS011Decoder(); Self.check(&d, "sds011", seed: 11) } }
    @Test func pms() async { await offThePool { var d = PMSDecoder(); Self.check(&d, "pms", seed: 5003) } }
    @Test func shdlcReplies() async { await offThePool { var d = SHDLCDecoder(); Self.check(&d, "shdlc", seed: 30) } }
    @Test func mhz19b() async { await offThePool { var d = MHZ19BDecoder(); Self.check(&d, "mhz19b", seed: 19) } }
    @Test func modbusReplies() async { await offThePool { var d = ModbusDecoder(); Self.check(&d, "modbus", seed: 8) } }

    @Test func emulatorSideDecoders() async { await offThePool { Self.emulatorSide() } }

    static func emulatorSide() {
        var pms = PMSDecoder(acceptsCommands: true)
        var shdlc = SHDLCDecoder(role: .requests)
        var modbus = ModbusDecoder(role: .requests)
        // The emulators' side faces only our own driver: a lighter run.
        let a = Self.fuzz(&pms, seeds: [PMSEncoder.passiveRead()], seed: 1, inputs: 25_000)
        let b = Self.fuzz(&shdlc, seeds: [SPS30.readMeasurement(), SPS30.wakeUp()], seed: 2, inputs: 25_000)
        let c = Self.fuzz(&modbus, seeds: [SCD30.readMeasurement()], seed: 3, inputs: 25_000)
        #expect(a.maxBuffered <= PMSDecoder.maximumBuffered && b.maxBuffered <= SHDLCDecoder.maximumBuffered && c.maxBuffered <= ModbusDecoder.maximumBuffered)
        #expect(a.frames > 0 && b.frames > 0 && c.frames > 0)
    }

    @Test func captureDecodingNeverCrashes() async { await offThePool { Self.capture() } }

    static func capture() {
        var r = SeededGenerator(seed: 65)
        let all = Self.seeds.values.flatMap { $0 }
        var decoded = 0
        for _ in 0..<10_000 {
            let bytes = Self.mutate(all[Int.random(in: 0..<all.count, using: &r)], &r)
            for model in SerialModel.allCases {
                if case .success = model.decodeCapture(bytes) { decoded += 1 }
            }
        }
        #expect(decoded > 0)
    }
}
