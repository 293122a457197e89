extension Parser {
    /// Any value, starting at the cursor. `depth` is the depth of the
    /// container the value goes into.
    mutating func parseValue(depth: Int) throws(TOMLError) -> TOMLNode {
        let position = s.position()
        let b = s.peek()
        switch b {
        case UInt8(ascii: "\""):
            let text = s.peek(1) == b && s.peek(2) == b ? try parseMultilineBasicString() : try parseBasicString()
            return TOMLNode(.string(text), at: position)
        case UInt8(ascii: "'"):
            let text = s.peek(1) == b && s.peek(2) == b ? try parseMultilineLiteralString() : try parseLiteralString()
            return TOMLNode(.string(text), at: position)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1, at: position)
        case UInt8(ascii: "{"):
            return try parseInlineTable(depth: depth + 1, at: position)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            if Parser.isDigit(s.peek(1)) && Parser.isDigit(s.peek(2)) && Parser.isDigit(s.peek(3))
                && s.peek(4) == UInt8(ascii: "-")
            {
                return TOMLNode(.dateTime(try parseDateTime()), at: position)
            }
            if Parser.isDigit(s.peek(1)) && s.peek(2) == UInt8(ascii: ":") {
                return TOMLNode(.dateTime(try parseLocalTime()), at: position)
            }
            return TOMLNode(try parseNumber(), at: position)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "i"), UInt8(ascii: "n"):
            return TOMLNode(try parseNumber(), at: position)
        default:
            return TOMLNode(try parseWord(), at: position)
        }
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// `true`, `false`, or a helpful refusal of an unquoted word.
    mutating func parseWord() throws(TOMLError) -> TOMLValue {
        let start = s.index
        while Parser.isBareKeyByte(s.peek()) { s.advance() }
        let word = s.text(start..<s.index)
        switch word {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "":
            s.index = start
            throw s.error("expected a value, found \(s.describeCurrent())")
        default:
            let position = s.position(at: start)
            if word.lowercased() == "true" || word.lowercased() == "false" {
                throw TOMLError("invalid value '\(word)' (booleans are lowercase 'true' or 'false')", at: position)
            }
            throw TOMLError("invalid value '\(word)' (strings must be quoted)", at: position)
        }
    }

    /// `[ v, v, ... ]`; newlines and comments are allowed between elements.
    mutating func parseArray(depth: Int, at position: TOMLPosition) throws(TOMLError) -> TOMLNode {
        try checkDepth(depth, at: position)
        s.advance()
        var elements: [TOMLNode] = []
        while true {
            try s.skipTrivia()
            if s.peek() == UInt8(ascii: "]") {
                s.advance()
                return TOMLNode(.array(elements), at: position)
            }
            if s.atEnd { throw TOMLError("unterminated array (missing ']')", at: position) }
            elements.append(try parseValue(depth: depth))
            try s.skipTrivia()
            switch s.peek() {
            case UInt8(ascii: ","):
                s.advance()
            case UInt8(ascii: "]"):
                s.advance()
                return TOMLNode(.array(elements), at: position)
            default:
                if s.atEnd { throw TOMLError("unterminated array (missing ']')", at: position) }
                throw s.error("expected ',' or ']' in array, found \(s.describeCurrent())")
            }
        }
    }

    /// `{ k = v, ... }` on one line, no trailing comma (TOML 1.0); frozen once closed.
    mutating func parseInlineTable(depth: Int, at position: TOMLPosition) throws(TOMLError) -> TOMLNode {
        try checkDepth(depth, at: position)
        s.advance()
        let table = TableBuilder(origin: .closed, position: position, depth: depth)
        s.skipWhitespace()
        if s.peek() == UInt8(ascii: "}") {
            s.advance()
            return TOMLNode(.table(table.build()), at: position)
        }
        while true {
            s.skipWhitespace()
            if s.peek() == UInt8(ascii: "\n") || s.peek() == UInt8(ascii: "\r") {
                throw s.error("newline is not allowed in an inline table")
            }
            try parseKeyValue(into: table)
            s.skipWhitespace()
            switch s.peek() {
            case UInt8(ascii: ","):
                s.advance()
                s.skipWhitespace()
                if s.peek() == UInt8(ascii: "}") {
                    throw s.error("trailing comma is not allowed in an inline table")
                }
            case UInt8(ascii: "}"):
                s.advance()
                return TOMLNode(.table(table.build()), at: position)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw s.error("newline is not allowed in an inline table")
            default:
                if s.atEnd { throw TOMLError("unterminated inline table (missing '}')", at: position) }
                throw s.error("expected ',' or '}' in inline table, found \(s.describeCurrent())")
            }
        }
    }
}
