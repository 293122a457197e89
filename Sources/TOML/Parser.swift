/// Recursive-descent TOML 1.0 parser over validated UTF-8 bytes.
///
/// Recursion happens only for arrays and inline tables, and every level is
/// checked against `TOMLDecoder.maxNestingDepth`, so hostile input cannot
/// exhaust the stack.
struct Parser {
    var s: Scanner
    let root: TableBuilder
    /// The table that `key = value` lines go into (the last header's table).
    var current: TableBuilder

    struct KeyPart {
        var name: String
        var position: TOMLPosition
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        s = Scanner(bytes)
        root = TableBuilder(origin: .header, position: TOMLPosition(line: 1, column: 1), depth: 0)
        current = root
    }

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        s.skipByteOrderMark()
        while true {
            s.skipWhitespace()
            try s.skipComment()
            if s.atEnd { break }
            if try s.consumeNewline() { continue }
            if s.peek() == UInt8(ascii: "[") {
                try parseHeader()
                try expectLineEnd(after: "table header")
            } else {
                try parseKeyValue(into: current)
                try expectLineEnd(after: "value")
            }
        }
        return root.build()
    }

    /// After a header or a key/value pair only a comment and a line ending may follow.
    mutating func expectLineEnd(after what: String) throws(TOMLError) {
        s.skipWhitespace()
        try s.skipComment()
        if s.atEnd { return }
        if try s.consumeNewline() { return }
        throw s.error("expected end of line after \(what), found \(s.describeCurrent())")
    }

    // MARK: Keys

    @inline(__always)
    static func isBareKeyByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// A possibly dotted key: `a`, `"quoted key"`, `a . 'b' . c`.
    mutating func parseKey() throws(TOMLError) -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            s.skipWhitespace()
            let position = s.position()
            let name: String
            switch s.peek() {
            case UInt8(ascii: "\""):
                name = try parseBasicString()
            case UInt8(ascii: "'"):
                name = try parseLiteralString()
            case let b where Parser.isBareKeyByte(b):
                let start = s.index
                while Parser.isBareKeyByte(s.peek()) { s.advance() }
                name = s.text(start..<s.index)
            default:
                if parts.isEmpty {
                    throw s.error("expected a key, found \(s.describeCurrent())")
                }
                throw s.error("expected a key after '.', found \(s.describeCurrent())")
            }
            parts.append(KeyPart(name: name, position: position))
            s.skipWhitespace()
            guard s.peek() == UInt8(ascii: ".") else { return parts }
            s.advance()
        }
    }

    /// A dotted path for error messages, quoting parts that are not bare keys.
    static func display(_ parts: some Collection<KeyPart>) -> String {
        parts.map { part in
            let bare = !part.name.isEmpty && part.name.utf8.allSatisfy(isBareKeyByte)
            return bare ? part.name : "\"\(part.name)\""
        }.joined(separator: ".")
    }

    func checkDepth(_ depth: Int, at position: TOMLPosition) throws(TOMLError) {
        if depth > TOMLDecoder.maxNestingDepth {
            throw TOMLError("nesting deeper than \(TOMLDecoder.maxNestingDepth) levels", at: position)
        }
    }

    // MARK: Key/value pairs

    /// `key = value` into `table` (the current table, or an inline table's body).
    mutating func parseKeyValue(into table: TableBuilder) throws(TOMLError) {
        let key = try parseKey()
        guard s.peek() == UInt8(ascii: "=") else {
            throw s.error("expected '=' after key '\(Parser.display(key))', found \(s.describeCurrent())")
        }
        s.advance()
        s.skipWhitespace()
        let target = try descendDotted(from: table, key.dropLast())
        let last = key[key.count - 1]
        if let i = target.slotIndex(last.name) {
            throw TOMLError(
                "duplicate key '\(Parser.display(key))' (first defined at \(target.slot(i).keyPosition))",
                at: last.position)
        }
        let node = try parseValue(depth: target.depth)
        target.append(.init(key: last.name, keyPosition: last.position, content: .value(node)))
    }

    /// Walks (and creates) the tables named by the leading parts of a dotted key.
    mutating func descendDotted(from table: TableBuilder, _ parts: ArraySlice<KeyPart>) throws(TOMLError) -> TableBuilder {
        var t = table
        for (n, part) in zip(parts.indices, parts) {
            var path: String { Parser.display(parts[...n]) }
            if let i = t.slotIndex(part.name) {
                switch t.slot(i).content {
                case .table(let child) where child.origin == .dotted:
                    t = child
                case .table(let child):
                    throw TOMLError(
                        "cannot add to table '\(path)' with dotted keys: it is defined at \(child.position)",
                        at: part.position)
                case .tables(let array):
                    throw TOMLError(
                        "cannot add to array of tables '\(path)' (defined at \(array.position)) with dotted keys",
                        at: part.position)
                case .value(let node):
                    throw Parser.notATable(path, node, at: part.position)
                }
            } else {
                try checkDepth(t.depth + 1, at: part.position)
                let child = TableBuilder(origin: .dotted, position: part.position, depth: t.depth + 1)
                t.append(.init(key: part.name, keyPosition: part.position, content: .table(child)))
                t = child
            }
        }
        return t
    }

    /// "an integer", "a string".
    static func withArticle(_ noun: String) -> String {
        let vowel = noun.first.map { "aeiou".contains($0) } ?? false
        return (vowel ? "an " : "a ") + noun
    }

    static func notATable(_ path: String, _ node: TOMLNode, at position: TOMLPosition) -> TOMLError {
        if case .table = node.value {
            return TOMLError("cannot extend inline table '\(path)' (defined at \(node.position))", at: position)
        }
        return TOMLError(
            "key '\(path)' is already \(Parser.withArticle(node.value.typeName)) (defined at \(node.position)), not a table",
            at: position)
    }

    // MARK: Headers

    /// `[a.b]` or `[[a.b]]`: defines a table and makes it current.
    mutating func parseHeader() throws(TOMLError) {
        let headerPosition = s.position()
        s.advance()
        let isArray = s.peek() == UInt8(ascii: "[")
        if isArray { s.advance() }
        let key = try parseKey()
        let close = isArray ? "']]'" : "']'"
        guard s.peek() == UInt8(ascii: "]") else {
            throw s.error("expected \(close) after table name '\(Parser.display(key))', found \(s.describeCurrent())")
        }
        s.advance()
        if isArray {
            guard s.peek() == UInt8(ascii: "]") else {
                throw s.error("expected ']]' after table name '\(Parser.display(key))', found \(s.describeCurrent())")
            }
            s.advance()
        }

        var t = root
        for (n, part) in zip(key.indices.dropLast(), key.dropLast()) {
            if let i = t.slotIndex(part.name) {
                switch t.slot(i).content {
                case .table(let child):
                    t = child
                case .tables(let array):
                    t = array.elements[array.elements.count - 1]
                case .value(let node):
                    throw Parser.notATable(Parser.display(key[...n]), node, at: part.position)
                }
            } else {
                try checkDepth(t.depth + 1, at: part.position)
                let child = TableBuilder(origin: .implicit, position: part.position, depth: t.depth + 1)
                t.append(.init(key: part.name, keyPosition: part.position, content: .table(child)))
                t = child
            }
        }

        let last = key[key.count - 1]
        let path = Parser.display(key)
        if isArray {
            current = try appendArrayElement(to: t, last, path: path, at: headerPosition)
        } else {
            current = try defineTable(in: t, last, path: path, at: headerPosition)
        }
    }

    mutating func defineTable(
        in t: TableBuilder, _ last: KeyPart, path: String, at headerPosition: TOMLPosition
    ) throws(TOMLError) -> TableBuilder {
        guard let i = t.slotIndex(last.name) else {
            try checkDepth(t.depth + 1, at: last.position)
            let child = TableBuilder(origin: .header, position: headerPosition, depth: t.depth + 1)
            t.append(.init(key: last.name, keyPosition: last.position, content: .table(child)))
            return child
        }
        switch t.slot(i).content {
        case .table(let child):
            switch child.origin {
            case .implicit:
                // `[a.b.c]` before `[a.b]`: the first explicit header defines it.
                child.origin = .header
                child.position = headerPosition
                t.updateKeyPosition(i, last.position)
                return child
            case .dotted:
                throw TOMLError(
                    "table '\(path)' defined twice (first by dotted keys at \(child.position))",
                    at: last.position)
            case .header, .closed:
                throw TOMLError("table '\(path)' defined twice (first at \(child.position))", at: last.position)
            }
        case .tables(let array):
            throw TOMLError(
                "table '\(path)' is already an array of tables (first at \(array.position))", at: last.position)
        case .value(let node):
            throw Parser.notATable(path, node, at: last.position)
        }
    }

    mutating func appendArrayElement(
        to t: TableBuilder, _ last: KeyPart, path: String, at headerPosition: TOMLPosition
    ) throws(TOMLError) -> TableBuilder {
        // The array counts as one level and its element tables as the next.
        try checkDepth(t.depth + 2, at: last.position)
        let element = TableBuilder(origin: .header, position: headerPosition, depth: t.depth + 2)
        guard let i = t.slotIndex(last.name) else {
            let array = ArrayOfTables(position: headerPosition)
            array.elements.append(element)
            t.append(.init(key: last.name, keyPosition: last.position, content: .tables(array)))
            return element
        }
        switch t.slot(i).content {
        case .tables(let array):
            array.elements.append(element)
            return element
        case .table(let child):
            throw TOMLError(
                "cannot define array of tables '\(path)': it is already a table (defined at \(child.position))",
                at: last.position)
        case .value(let node):
            if case .array = node.value {
                throw TOMLError(
                    "cannot append to static array '\(path)' (defined at \(node.position)) with [[\(path)]]",
                    at: last.position)
            }
            throw TOMLError(
                "key '\(path)' is already \(Parser.withArticle(node.value.typeName)) (defined at \(node.position)), not an array of tables",
                at: last.position)
        }
    }
}
