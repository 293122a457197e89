import StationSystem
import StationTesting
import Testing

@testable import StationDisplay

/// Known answers (the CRC catalogue's "check" value; RFC 1950's example).
@Suite struct ChecksumTests {
    @Test func crc32CheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
    }

    @Test func adler32KnownValues() {
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Adler32.checksum([]) == 1)
        // Long enough to need the modulo inside the loop.
        #expect(Adler32.checksum([UInt8](repeating: 0xFF, count: 100_000)) == 0x149A_302C)  // as zlib.adler32 computes it
    }

    /// The compressed display PNG is a fraction of its pixels (4 bits per
    /// pixel of 800x480 are 192,480 bytes of scanlines).
    @Test func displayImagesCompress() {
        let png = PNGWriter.encode(DisplayLayout.colour800x480.render(Samples.allFree))
        #expect(png.count < 192_480 / 10, "\(png.count) bytes")
    }
}

/// `Deflate` against Python's zlib (raw deflate): every code path of the
/// fixed-code writer (8- and 9-bit literals, short and 258-byte matches,
/// extra bits, both match distances, long distances) must inflate back to
/// the input, byte for byte.
@Suite struct DeflateTests {
    @Test func inflatesBackWithAnIndependentDecoder() throws {
        var random = SeededGenerator(seed: 7)
        var inputs: [(data: [UInt8], stride: Int)] = [
            ([], 4),
            ([0x41], 4),
            (Array(0...255), 16),  // every literal, no match
            ([UInt8](repeating: 0x90, count: 10_000), 100),  // runs: 258-byte matches at distance 1
        ]
        // Rows that repeat the row above with a few changes, at a long stride.
        let stride = 5000
        var rows: [UInt8] = (0..<stride).map { _ in UInt8.random(in: 0...255, using: &random) }
        for _ in 0..<6 {
            var row = Array(rows.suffix(stride))
            for _ in 0..<40 { row[Int.random(in: 0..<stride, using: &random)] = UInt8.random(in: 0...255, using: &random) }
            rows += row
        }
        inputs.append((rows, stride))
        // Short runs of every length 1...300 with literals between them.
        var runs: [UInt8] = []
        for length in 1...300 { runs += [UInt8](repeating: UInt8(length % 251), count: length) + [0xFF, 0x00] }
        inputs.append((runs, 7))

        let dir = try TemporaryDirectory(prefix: "deflate")
        defer { dir.remove() }
        var arguments = ["-c", """
            import sys, zlib
            for a in sys.argv[1:]:
                sys.stdout.write(zlib.decompress(open(a, 'rb').read(), -15).hex() + '\\n')
            """]
        for (i, input) in inputs.enumerated() {
            let path = dir.file("\(i).deflate")
            try FileSystem.writeAtomically(path, Deflate.compress(input.data, rowStride: input.stride))
            arguments.append(path)
        }
        let result = try CommandResult.run("python3", arguments)
        #expect(result.status == .exited(0), "\(result.stderr)")
        let inflated = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(inflated.count == inputs.count)
        for (i, hex) in inflated.enumerated() where i < inputs.count {
            let expected = inputs[i].data.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
            #expect(hex == expected, "input \(i): \(inputs[i].data.count) bytes")
        }
        #expect(Deflate.compress(rows, rowStride: stride).count < rows.count / 3)
    }
}
