extension Parser {
    /// `"..."` with escapes, on one line.
    mutating func parseBasicString() throws(TOMLError) -> String {
        let open = s.position()
        s.advance()
        var runStart = s.index
        // Only strings with escapes are copied; the rest are sliced from the input.
        var buffer: [UInt8] = []
        var hasEscapes = false
        while true {
            let b = s.peek()
            switch b {
            case UInt8(ascii: "\""):
                let end = s.index
                s.advance()
                guard hasEscapes else { return s.text(runStart..<end) }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: s.bytes[runStart..<end]))
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                hasEscapes = true
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: s.bytes[runStart..<s.index]))
                try parseEscape(into: &buffer, in: "basic string")
                runStart = s.index
            case 0x0A, 0x0D:
                throw s.error("newline in a single-line basic string (missing closing '\"' for the string at \(open)?)")
            default:
                if s.atEnd { throw TOMLError("unterminated basic string", at: open) }
                if Scanner.isForbiddenControl(b) {
                    throw s.error("control character \(Scanner.describe(b)) is not allowed in a basic string")
                }
                s.advance()
            }
        }
    }

    /// `'...'`, verbatim, on one line.
    mutating func parseLiteralString() throws(TOMLError) -> String {
        let open = s.position()
        s.advance()
        let start = s.index
        while true {
            let b = s.peek()
            switch b {
            case UInt8(ascii: "'"):
                let end = s.index
                s.advance()
                return s.text(start..<end)
            case 0x0A, 0x0D:
                throw s.error("newline in a single-line literal string (missing closing \"'\" for the string at \(open)?)")
            default:
                if s.atEnd { throw TOMLError("unterminated literal string", at: open) }
                if Scanner.isForbiddenControl(b) {
                    throw s.error("control character \(Scanner.describe(b)) is not allowed in a literal string")
                }
                s.advance()
            }
        }
    }

    /// `"""..."""` with escapes and line-ending backslashes.
    mutating func parseMultilineBasicString() throws(TOMLError) -> String {
        let open = s.position()
        s.advance(3)
        _ = try s.consumeNewline()  // a newline right after the opening quotes is trimmed
        var out: [UInt8] = []
        while true {
            let b = s.peek()
            switch b {
            case UInt8(ascii: "\""):
                if try closeMultiline(quote: b, into: &out) { return String(decoding: out, as: UTF8.self) }
            case UInt8(ascii: "\\"):
                if try skipLineEndingBackslash() { continue }
                try parseEscape(into: &out, in: "multi-line basic string")
            case 0x0A, 0x0D:
                _ = try s.consumeNewline()
                out.append(0x0A)
            default:
                if s.atEnd { throw TOMLError("unterminated multi-line basic string", at: open) }
                if Scanner.isForbiddenControl(b) {
                    throw s.error("control character \(Scanner.describe(b)) is not allowed in a multi-line basic string")
                }
                out.append(b)
                s.advance()
            }
        }
    }

    /// `'''...'''`, verbatim.
    mutating func parseMultilineLiteralString() throws(TOMLError) -> String {
        let open = s.position()
        s.advance(3)
        _ = try s.consumeNewline()
        var out: [UInt8] = []
        while true {
            let b = s.peek()
            switch b {
            case UInt8(ascii: "'"):
                if try closeMultiline(quote: b, into: &out) { return String(decoding: out, as: UTF8.self) }
            case 0x0A, 0x0D:
                _ = try s.consumeNewline()
                out.append(0x0A)
            default:
                if s.atEnd { throw TOMLError("unterminated multi-line literal string", at: open) }
                if Scanner.isForbiddenControl(b) {
                    throw s.error("control character \(Scanner.describe(b)) is not allowed in a multi-line literal string")
                }
                out.append(b)
                s.advance()
            }
        }
    }

    /// At a run of quotes inside a multi-line string: up to two quotes may
    /// directly precede the closing three. Returns true when the string ended.
    private mutating func closeMultiline(quote: UInt8, into out: inout [UInt8]) throws(TOMLError) -> Bool {
        var run = 0
        while s.peek(run) == quote { run += 1 }
        if run < 3 {
            out.append(contentsOf: repeatElement(quote, count: run))
            s.advance(run)
            return false
        }
        if run > 5 {
            s.advance(5)
            throw s.error("too many quotes at the end of a multi-line string")
        }
        out.append(contentsOf: repeatElement(quote, count: run - 3))
        s.advance(run)
        return true
    }

    /// A `\` followed by optional whitespace and a newline joins lines: it
    /// swallows all whitespace and newlines up to the next other character.
    private mutating func skipLineEndingBackslash() throws(TOMLError) -> Bool {
        var k = 1
        while s.peek(k) == 0x20 || s.peek(k) == 0x09 { k += 1 }
        let next = s.peek(k)
        guard next == 0x0A || (next == 0x0D && s.peek(k + 1) == 0x0A) else { return false }
        s.advance(k)
        while true {
            s.skipWhitespace()
            if try !s.consumeNewline() { return true }
        }
    }

    /// One escape sequence at the cursor (which is at the `\`).
    mutating func parseEscape(into out: inout [UInt8], in kind: String) throws(TOMLError) {
        let start = s.index
        s.advance()
        let c = s.peek()
        switch c {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = c == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for k in 1...count {
                guard let digit = Parser.hexValue(s.peek(k)) else {
                    let escape = s.text(start..<min(s.index + k, s.bytes.count))
                    throw TOMLError(
                        "invalid unicode escape '\(escape)' in \(kind): expected \(count) hex digits",
                        at: s.position(at: start))
                }
                value = value << 4 | UInt32(digit)
            }
            guard let scalar = Unicode.Scalar(value) else {
                let escape = s.text(start..<s.index + count + 1)
                throw TOMLError(
                    "invalid unicode escape '\(escape)' in \(kind): not a Unicode scalar value",
                    at: s.position(at: start))
            }
            s.advance(count + 1)
            out.append(contentsOf: scalar.utf8)
            return
        default:
            let shown: String
            if c >= 0x21 && c < 0x7F {
                shown = "'\\\(Character(Unicode.Scalar(c)))'"
            } else if s.atEnd {
                shown = "'\\' at end of input"
            } else {
                shown = "'\\' followed by \(s.describeCurrent())"
            }
            throw TOMLError("invalid escape \(shown) in \(kind)", at: s.position(at: start))
        }
        s.advance()
    }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
