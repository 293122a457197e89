import StationDisplay
import StationSystem
import StationTesting
import Testing

/// Each sample state in each layout, rendered to PNG and compared pixel by
/// pixel with the committed golden under Goldens/. To accept a deliberate
/// change, run with STATION_UPDATE_GOLDENS=1 and look at the new files.
@Suite struct GoldenImageTests {
    static let goldens = FileSystem.directoryName(#filePath) + "/Goldens"
    static let updating = Environment.get("STATION_UPDATE_GOLDENS") == "1"

    static func rgb(_ canvas: Canvas) -> [UInt8] { canvas.rgb.flatMap { [$0.r, $0.g, $0.b] } }

    @Test(arguments: Samples.all.map(\.name))
    func matchesTheGoldens(sample: String) throws {
        let content = try #require(Samples.all.first { $0.name == sample }).content
        let dir = try TemporaryDirectory(prefix: "golden")
        defer { dir.remove() }
        var ours: [String] = [], golden: [String] = [], canvases: [Canvas] = []
        for layout in DisplayLayout.allCases {
            let canvas = layout.render(content)
            let png = PNGWriter.encode(canvas)
            let name = "\(sample)-\(layout.rawValue).png"
            if Self.updating { try FileSystem.writeAtomically("\(Self.goldens)/\(name)", png) }
            try FileSystem.writeAtomically("\(dir.path)/\(name)", png)
            ours.append("\(dir.path)/\(name)")
            golden.append("\(Self.goldens)/\(name)")
            canvases.append(canvas)
        }
        let decoded = try PNGDecoder.decode(ours + golden)
        for (i, canvas) in canvases.enumerated() {
            let expected = PNGDecoder.Image(width: canvas.width, height: canvas.height, rgb: Self.rgb(canvas))
            // Our writer is right: an independent decoder gets the canvas back.
            #expect(decoded[i] == expected, "\(ours[i]) does not decode to its canvas")
            // The picture is what was approved.
            let approved = decoded[canvases.count + i]
            #expect(approved.width == canvas.width && approved.height == canvas.height, "\(golden[i]): size")
            let differing = stride(from: 0, to: min(approved.rgb.count, expected.rgb.count), by: 3).filter {
                approved.rgb[$0..<$0 + 3] != expected.rgb[$0..<$0 + 3]
            }
            if let first = differing.first {
                let pixel = first / 3
                Issue.record("\(golden[i]): \(differing.count) pixels differ, first at (\(pixel % canvas.width), \(pixel / canvas.width)); rerun with STATION_UPDATE_GOLDENS=1 if the change is intended")
            }
        }
    }

    @Test func aCorruptedChunkIsCaughtByTheIndependentDecoder() throws {
        let dir = try TemporaryDirectory(prefix: "golden")
        defer { dir.remove() }
        var png = PNGWriter.encode(DisplayLayout.mono128x64.render(Samples.allFree))
        png[40] ^= 0x01  // inside PLTE: its CRC no longer matches
        try FileSystem.writeAtomically("\(dir.path)/bad.png", png)
        #expect(throws: PNGDecoder.DecodeFailure.self) { try PNGDecoder.decode(["\(dir.path)/bad.png"]) }
    }
}
