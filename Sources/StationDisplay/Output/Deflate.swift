/// A small deflate compressor (RFC 1951) for display images: one block with
/// the fixed Huffman codes, and LZ77 matches looked for at only two
/// distances, 1 (a run of one colour) and one row back (a row like the one
/// above). A screen of flat colours and text shrinks 10 to 30 times; the
/// previews are rewritten every few seconds, and on an SD card every byte
/// counts. Checked by Python's zlib in the display tests.
enum Deflate {
    /// The deflate stream of `data`; `rowStride` is the distance of the
    /// second match candidate (a PNG scanline with its filter byte).
    static func compress(_ data: [UInt8], rowStride: Int) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL: the only block
        bits.write(1, count: 2)  // BTYPE 01: fixed Huffman codes
        let distances = rowStride > 1 && rowStride <= 32768 ? [1, rowStride] : [1]
        var i = 0
        while i < data.count {
            var best = (length: 0, distance: 0)
            for distance in distances where distance <= i {
                let limit = min(258, data.count - i)
                var length = 0
                while length < limit && data[i + length] == data[i + length - distance] { length += 1 }
                if length > best.length { best = (length, distance) }
            }
            if best.length >= 3 {
                bits.writeLength(best.length)
                bits.writeDistance(best.distance)
                i += best.length
            } else {
                bits.writeLiteral(Int(data[i]))
                i += 1
            }
        }
        bits.writeLiteral(256)  // end of block
        return bits.finish()
    }

    // RFC 1951 3.2.5: lengths 3...258 as codes 257...285, distances as 0...29.
    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// Bits packed from the least significant end of each byte; Huffman
    /// codes go most significant bit first (RFC 1951 3.1.1).
    struct BitWriter {
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var used = 0

        mutating func write(_ value: Int, count: Int) {
            buffer |= UInt32(value) << UInt32(used)
            used += count
            while used >= 8 {
                bytes.append(UInt8(buffer & 0xFF))
                buffer >>= 8
                used -= 8
            }
        }

        mutating func writeCode(_ code: Int, count: Int) {
            var reversed = 0
            for bit in 0..<count where code & (1 << bit) != 0 { reversed |= 1 << (count - 1 - bit) }
            write(reversed, count: count)
        }

        /// A literal byte or end of block (256), fixed codes (3.2.6).
        mutating func writeLiteral(_ symbol: Int) {
            switch symbol {
            case 0...143: writeCode(0x30 + symbol, count: 8)
            case 144...255: writeCode(0x190 + symbol - 144, count: 9)
            case 256...279: writeCode(symbol - 256, count: 7)
            default: writeCode(0xC0 + symbol - 280, count: 8)
            }
        }

        mutating func writeLength(_ length: Int) {
            let index = Deflate.lengthBase.lastIndex { $0 <= length }!
            writeLiteral(257 + index)
            write(length - Deflate.lengthBase[index], count: Deflate.lengthExtra[index])
        }

        mutating func writeDistance(_ distance: Int) {
            let index = Deflate.distanceBase.lastIndex { $0 <= distance }!
            writeCode(index, count: 5)
            write(distance - Deflate.distanceBase[index], count: Deflate.distanceExtra[index])
        }

        mutating func finish() -> [UInt8] {
            if used > 0 { bytes.append(UInt8(buffer & 0xFF)) }
            buffer = 0
            used = 0
            return bytes
        }
    }
}
