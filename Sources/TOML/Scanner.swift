/// A cursor over validated UTF-8 bytes that knows its line and column.
///
/// Byte 0 doubles as the end-of-input sentinel: the decoder refuses NUL
/// bytes before scanning, so `peek` never confuses a real NUL with the end.
struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    private(set) var line = 1
    private(set) var lineStart = 0
    // Columns are counted lazily from the last asked position, so a long
    // single-line input costs O(n) in total rather than O(n^2).
    private var memoIndex = 0
    private var memoColumn = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var atEnd: Bool { index >= bytes.count }

    /// Skips a UTF-8 byte order mark at the very start; editors on Windows write one.
    mutating func skipByteOrderMark() {
        if index == 0, peek() == 0xEF, peek(1) == 0xBB, peek(2) == 0xBF {
            index = 3
            lineStart = 3
            memoIndex = 3
        }
    }

    /// The byte `offset` ahead of the cursor, or 0 past the end.
    @inline(__always)
    func peek(_ offset: Int = 0) -> UInt8 {
        let i = index + offset
        return i < bytes.count ? bytes[i] : 0
    }

    @inline(__always)
    mutating func advance(_ count: Int = 1) {
        index = min(index + count, bytes.count)
    }

    /// Records that the byte just consumed (at `index - 1`) was a line feed.
    mutating func didConsumeLineFeed() {
        line += 1
        lineStart = index
    }

    /// Position of byte `i`, which must lie on the current line.
    mutating func position(at i: Int) -> TOMLPosition {
        if memoIndex < lineStart || memoIndex > i {
            memoIndex = lineStart
            memoColumn = 1
        }
        var column = memoColumn
        var k = memoIndex
        let end = min(i, bytes.count)
        while k < end {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        memoIndex = k
        memoColumn = column
        return TOMLPosition(line: line, column: column)
    }

    mutating func position() -> TOMLPosition { position(at: index) }

    /// An error at the cursor.
    mutating func error(_ reason: String) -> TOMLError {
        TOMLError(reason, at: position())
    }

    /// The text of bytes `range` (valid UTF-8 by construction).
    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Skips spaces and tabs.
    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 {
            index += 1
        }
    }

    /// Consumes a line ending (`LF` or `CRLF`) if one is at the cursor.
    mutating func consumeNewline() throws(TOMLError) -> Bool {
        switch peek() {
        case 0x0A:
            index += 1
            didConsumeLineFeed()
            return true
        case 0x0D:
            guard peek(1) == 0x0A else { throw error("carriage return must be followed by a line feed") }
            index += 2
            didConsumeLineFeed()
            return true
        default:
            return false
        }
    }

    /// Skips a `#` comment up to (not including) the line ending.
    mutating func skipComment() throws(TOMLError) {
        guard peek() == UInt8(ascii: "#") else { return }
        index += 1
        while index < bytes.count {
            let b = bytes[index]
            if b == 0x0A { return }
            if b == 0x0D, peek(1) == 0x0A { return }
            if Scanner.isForbiddenControl(b) {
                throw error("control character \(Scanner.describe(b)) is not allowed in a comment")
            }
            index += 1
        }
    }

    /// Skips whitespace, comments and line endings (inside arrays).
    mutating func skipTrivia() throws(TOMLError) {
        while true {
            skipWhitespace()
            try skipComment()
            if try !consumeNewline() { return }
        }
    }

    /// Control characters TOML forbids in comments and strings (tab is allowed).
    @inline(__always)
    static func isForbiddenControl(_ b: UInt8) -> Bool {
        (b < 0x20 && b != 0x09) || b == 0x7F
    }

    /// A byte for an error message: the character if printable, else `U+XXXX`.
    static func describe(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        if b == 0x20 { return "' '" }
        return "U+" + hex(UInt32(b), width: 4)
    }

    static func hex(_ v: UInt32, width: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

extension Scanner {
    /// The character at the cursor for an error message ("end of input" past the end).
    func describeCurrent() -> String {
        guard index < bytes.count else { return "end of input" }
        let b = bytes[index]
        if b == 0x0A || (b == 0x0D && peek(1) == 0x0A) { return "end of line" }
        if b < 0x80 { return Scanner.describe(b) }
        var iterator = UnsafeBufferPointer(rebasing: bytes[index..<min(index + 4, bytes.count)]).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) {
            return "'\(Character(scalar))' (U+\(Scanner.hex(scalar.value, width: 4)))"
        }
        return "byte 0x" + Scanner.hex(UInt32(b), width: 2)
    }
}
