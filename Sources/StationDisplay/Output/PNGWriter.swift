/// Writes a canvas as an indexed-colour PNG (ISO/IEC 15948): IHDR, PLTE,
/// one IDAT holding a zlib stream (`Deflate`: fixed codes, matches one pixel
/// byte or one row back), IEND. Palette indices at 1, 4 or 8 bits per pixel.
public enum PNGWriter {
    public static func encode(_ canvas: Canvas) -> [UInt8] {
        let depth = canvas.palette.count <= 2 ? 1 : canvas.palette.count <= 16 ? 4 : 8
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(canvas.width))
        header.appendBigEndian(UInt32(canvas.height))
        header += [UInt8(depth), 3, 0, 0, 0]  // indexed colour; deflate; filter method 0; no interlace
        chunk("IHDR", header, into: &out)
        chunk("PLTE", canvas.palette.flatMap { [$0.r, $0.g, $0.b] }, into: &out)
        let perByte = 8 / depth
        let stride = (canvas.width + perByte - 1) / perByte + 1
        chunk("IDAT", zlib(scanlines(canvas, depth: depth), rowStride: stride), into: &out)
        chunk("IEND", [], into: &out)
        return out
    }

    /// Each row: filter type 0 (none), then the indices packed MSB first.
    static func scanlines(_ canvas: Canvas, depth: Int) -> [UInt8] {
        let perByte = 8 / depth
        let rowBytes = (canvas.width + perByte - 1) / perByte
        var raw = [UInt8](repeating: 0, count: (rowBytes + 1) * canvas.height)
        for y in 0..<canvas.height {
            let base = y * (rowBytes + 1) + 1
            for x in 0..<canvas.width {
                let shift = 8 - depth * (x % perByte + 1)
                raw[base + x / perByte] |= canvas.pixels[y * canvas.width + x] << UInt8(shift)
            }
        }
        return raw
    }

    /// A zlib stream (RFC 1950): header, deflate data, Adler-32.
    static func zlib(_ data: [UInt8], rowStride: Int) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]  // deflate, 32K window, no dictionary; (0x7801 % 31 == 0)
        out += Deflate.compress(data, rowStride: rowStride)
        out.appendBigEndian(Adler32.checksum(data))
        return out
    }

    static func chunk(_ type: String, _ data: [UInt8], into out: inout [UInt8]) {
        out.appendBigEndian(UInt32(data.count))
        let typed = Array(type.utf8) + data
        out += typed
        out.appendBigEndian(CRC32.checksum(typed))
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ v: UInt32) {
        append(contentsOf: [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)])
    }
}
