import StationSensors

/// libFuzzer entry point: the first byte picks a decoder, the second how to
/// split the rest into feeds; every decoder must stay within its buffer bound.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard bytes.count >= 2 else { return 0 }
    let data = Array(bytes[2...])
    let chunk = Int(bytes[1] % 16) + 1
    switch bytes[0] % 9 {
    case 0: var d = SDS011Decoder(); run(&d, data, chunk)
    case 1: var d = PMSDecoder(); run(&d, data, chunk)
    case 2: var d = PMSDecoder(acceptsCommands: true); run(&d, data, chunk)
    case 3: var d = SHDLCDecoder(); run(&d, data, chunk)
    case 4: var d = SHDLCDecoder(role: .requests); run(&d, data, chunk)
    case 5: var d = MHZ19BDecoder(); run(&d, data, chunk)
    case 6: var d = ModbusDecoder(); run(&d, data, chunk)
    case 7: var d = ModbusDecoder(role: .requests, address: 0x61); run(&d, data, chunk)
    default:
        for model in SerialModel.allCases { _ = model.decodeCapture(data) }
    }
    return 0
}

func run<D: FrameDecoder>(_ decoder: inout D, _ data: [UInt8], _ chunk: Int) {
    var rest = data[...]
    while !rest.isEmpty {
        _ = decoder.feed(rest.prefix(chunk))
        precondition(decoder.bufferedCount <= D.maximumBuffered, "buffer bound broken")
        rest = rest.dropFirst(chunk)
    }
}

/// libFuzzer's driver, for when it is not the program's `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point as `<Target>_main`, so the
/// harness provides one that hands control to libFuzzer.
@_cdecl("SensorsFuzzer_main")
public func sensorsFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { fuzz($0, $1) }
}
