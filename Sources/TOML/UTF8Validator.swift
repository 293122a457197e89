/// Checks raw bytes before parsing: well-formed UTF-8 and no NUL anywhere.
///
/// The parser relies on both: it slices strings straight out of the input,
/// and it uses byte 0 as its end-of-input sentinel (NUL is never valid TOML).
enum UTF8Validator {
    static func validate(_ bytes: UnsafeBufferPointer<UInt8>) throws(TOMLError) {
        var i = 0
        var line = 1
        var column = 1
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A {
                    line += 1
                    column = 0
                }
                i += 1
                column += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F  // excludes UTF-16 surrogates
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F  // nothing above U+10FFFF
            default: throw invalid(b, line, column)
            }
            guard i + length <= n else { throw invalid(b, line, column) }
            let second = bytes[i + 1]
            guard second >= lower, second <= upper else { throw invalid(b, line, column) }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 {
                throw invalid(b, line, column)
            }
            i += length
            column += 1
        }
    }

    private static func invalid(_ b: UInt8, _ line: Int, _ column: Int) -> TOMLError {
        TOMLError("invalid UTF-8 (byte 0x\(Scanner.hex(UInt32(b), width: 2)))", at: TOMLPosition(line: line, column: column))
    }

    static func refuseNUL(_ bytes: UnsafeBufferPointer<UInt8>) throws(TOMLError) {
        guard let i = bytes.firstIndex(of: 0) else { return }
        var scanner = Scanner(bytes)
        // Recount lines up to the NUL for an exact position.
        while scanner.index < i {
            if bytes[scanner.index] == 0x0A {
                scanner.advance()
                scanner.didConsumeLineFeed()
            } else {
                scanner.advance()
            }
        }
        throw scanner.error("control character U+0000 is not allowed")
    }
}
