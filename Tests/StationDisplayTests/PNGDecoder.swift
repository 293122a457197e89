import StationSystem
import StationTesting

/// An independent PNG check: Python's zlib inflates the IDAT and checks
/// Adler-32, `zlib.crc32` checks every chunk's CRC, and the script expands
/// palette indices to RGB. Nothing of our writer is reused.
enum PNGDecoder {
    static let script = #"""
        import struct, sys, zlib
        args = sys.argv[1:]
        for src, dst in zip(args[0::2], args[1::2]):
            data = open(src, 'rb').read()
            assert data[:8] == b'\x89PNG\r\n\x1a\n', 'signature'
            pos, chunks = 8, []
            while pos < len(data):
                n, kind = struct.unpack('>I4s', data[pos:pos + 8])
                body = data[pos + 8:pos + 8 + n]
                crc, = struct.unpack('>I', data[pos + 8 + n:pos + 12 + n])
                assert zlib.crc32(kind + body) & 0xffffffff == crc, 'CRC of ' + kind.decode()
                chunks.append((kind, body))
                pos += 12 + n
            assert chunks[-1][0] == b'IEND'
            w, h, depth, ctype, _, _, _ = struct.unpack('>IIBBBBB', chunks[0][1])
            assert ctype == 3, 'indexed colour'
            pal = [c for k, c in chunks if k == b'PLTE'][0]
            raw = zlib.decompress(b''.join(c for k, c in chunks if k == b'IDAT'))
            stride = (w * depth + 7) // 8
            assert len(raw) == h * (stride + 1), 'size'
            per = 8 // depth
            mask = (1 << depth) - 1
            # Each byte value to the RGB of the pixels it packs.
            table = [b''.join(pal[3 * ((v >> (8 - depth * (k + 1))) & mask):][:3] for k in range(per)) for v in range(256)]
            out = bytearray()
            for y in range(h):
                row = raw[y * (stride + 1):(y + 1) * (stride + 1)]
                assert row[0] == 0, 'filter'
                out += b''.join(table[v] for v in row[1:])[:3 * w]
            open(dst, 'wb').write(out)
            print(w, h)
        """#

    struct Image: Equatable {
        var width: Int
        var height: Int
        var rgb: [UInt8]
    }

    /// Decodes the PNG files in one Python run; throws with Python's message.
    static func decode(_ paths: [String]) throws -> [Image] {
        let dir = try TemporaryDirectory(prefix: "png-decode")
        defer { dir.remove() }
        let script = try dir.write("decode.py", Self.script)
        var arguments = [script]
        for (i, path) in paths.enumerated() { arguments += [path, "\(dir.path)/\(i).rgb"] }
        let result = try CommandResult.run("python3", arguments)
        guard result.status == .exited(0) else { throw DecodeFailure(message: result.stderr) }
        let sizes = result.stdout.split(separator: "\n").map { $0.split(separator: " ").compactMap { Int($0) } }
        return try paths.indices.map { i in
            Image(width: sizes[i][0], height: sizes[i][1], rgb: try FileSystem.readFile("\(dir.path)/\(i).rgb", limit: 64 << 20))
        }
    }

    struct DecodeFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { "python3 could not decode: \(message)" }
    }
}
