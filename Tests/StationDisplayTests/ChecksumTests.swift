import StationDisplay
import Testing

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

    @Test func storedBlocksSplitAt65535() {
        let png = PNGWriter.encode(DisplayLayout.colour800x480.render(Samples.allFree))
        // 480 rows of 1 + 400 bytes (4 bits per pixel) = 192480 bytes: two full blocks and one of 61,410.
        #expect(png.count == 8 + (12 + 13) + (12 + 14 * 3) + (12 + 2 + 3 * 5 + 192_480 + 4) + 12)
    }
}
