extension Parser {
    @inline(__always)
    static func isNumberByte(_ b: UInt8) -> Bool {
        isBareKeyByte(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
    }

    /// An integer (decimal, `0x`, `0o`, `0b`) or a float (fraction,
    /// exponent, `inf`, `nan`), with TOML's underscore and leading-zero rules.
    mutating func parseNumber() throws(TOMLError) -> TOMLValue {
        let start = s.index
        let position = s.position()
        while Parser.isNumberByte(s.peek()) { s.advance() }
        let text = s.text(start..<s.index)
        let token = UnsafeBufferPointer(rebasing: s.bytes[start..<s.index])
        guard !token.isEmpty else { throw s.error("expected a value, found \(s.describeCurrent())") }

        var i = 0
        let hasSign = token[0] == UInt8(ascii: "+") || token[0] == UInt8(ascii: "-")
        let negative = token[0] == UInt8(ascii: "-")
        if hasSign { i = 1 }
        let unsigned = text.utf8.dropFirst(i)
        if unsigned.elementsEqual("inf".utf8) { return .float(negative ? -.infinity : .infinity) }
        if unsigned.elementsEqual("nan".utf8) { return .float(negative ? -.nan : .nan) }
        guard i < token.count, Parser.isDigit(token[i]) else {
            if !hasSign { throw TOMLError("invalid value '\(text)' (strings must be quoted)", at: position) }
            throw TOMLError("invalid number '\(text)'", at: position)
        }

        if token[i] == UInt8(ascii: "0"), i + 1 < token.count {
            let radix: UInt64
            let name: String
            switch token[i + 1] {
            case UInt8(ascii: "x"): (radix, name) = (16, "hexadecimal")
            case UInt8(ascii: "o"): (radix, name) = (8, "octal")
            case UInt8(ascii: "b"): (radix, name) = (2, "binary")
            default: (radix, name) = (0, "")
            }
            if radix != 0 {
                if hasSign { throw TOMLError("a sign is not allowed on \(name) integers ('\(text)')", at: position) }
                return .integer(try parsePrefixed(token, from: i + 2, radix: radix, name: name, text: text, at: position))
            }
        }

        let intStart = i
        i = try Parser.scanDigits(token, from: i, text: text, at: position)
        if token[intStart] == UInt8(ascii: "0"), i - intStart > 1 {
            throw TOMLError("leading zeros are not allowed in decimal numbers ('\(text)')", at: position)
        }
        var isFloat = false
        if i < token.count, token[i] == UInt8(ascii: ".") {
            isFloat = true
            i += 1
            guard i < token.count, Parser.isDigit(token[i]) else {
                throw TOMLError("expected digits after the decimal point in '\(text)'", at: position)
            }
            i = try Parser.scanDigits(token, from: i, text: text, at: position)
        }
        if i < token.count, token[i] == UInt8(ascii: "e") || token[i] == UInt8(ascii: "E") {
            isFloat = true
            i += 1
            if i < token.count, token[i] == UInt8(ascii: "+") || token[i] == UInt8(ascii: "-") { i += 1 }
            guard i < token.count, Parser.isDigit(token[i]) else {
                throw TOMLError("expected digits in the exponent of '\(text)'", at: position)
            }
            i = try Parser.scanDigits(token, from: i, text: text, at: position)
        }
        guard i == token.count else { throw TOMLError("invalid number '\(text)'", at: position) }

        if isFloat {
            var cleaned = text
            cleaned.removeAll { $0 == "_" }
            guard let value = Double(cleaned), value.isFinite else {
                throw TOMLError("float \(text) is out of range", at: position)
            }
            return .float(value)
        }
        // Accumulate the magnitude unsigned so that -9223372036854775808 fits.
        var magnitude: UInt64 = 0
        for k in intStart..<token.count where token[k] != UInt8(ascii: "_") {
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(token[k] - UInt8(ascii: "0")))
            if o1 || o2 { throw TOMLError("integer \(text) does not fit in 64 bits", at: position) }
            magnitude = a
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else {
                throw TOMLError("integer \(text) does not fit in 64 bits", at: position)
            }
            return .integer(Int64(bitPattern: 0 &- magnitude))
        }
        guard magnitude <= UInt64(Int64.max) else {
            throw TOMLError("integer \(text) does not fit in 64 bits", at: position)
        }
        return .integer(Int64(magnitude))
    }

    /// Digits and single underscores between digits, from `i` (a digit); returns the end.
    static func scanDigits(
        _ token: UnsafeBufferPointer<UInt8>, from start: Int, text: String, at position: TOMLPosition
    ) throws(TOMLError) -> Int {
        var i = start
        while i < token.count {
            if isDigit(token[i]) {
                i += 1
            } else if token[i] == UInt8(ascii: "_") {
                guard i + 1 < token.count, isDigit(token[i + 1]) else {
                    throw TOMLError("underscores must be between digits in '\(text)'", at: position)
                }
                i += 1
            } else {
                break
            }
        }
        return i
    }

    private func parsePrefixed(
        _ token: UnsafeBufferPointer<UInt8>, from start: Int, radix: UInt64, name: String,
        text: String, at position: TOMLPosition
    ) throws(TOMLError) -> Int64 {
        guard start < token.count else {
            throw TOMLError("expected digits after '\(text)'", at: position)
        }
        var value: UInt64 = 0
        var previousWasDigit = false
        for k in start..<token.count {
            let b = token[k]
            if b == UInt8(ascii: "_") {
                guard previousWasDigit, k + 1 < token.count, token[k + 1] != UInt8(ascii: "_") else {
                    throw TOMLError("underscores must be between digits in '\(text)'", at: position)
                }
                previousWasDigit = false
                continue
            }
            guard let digit = Parser.hexValue(b), UInt64(digit) < radix else {
                throw TOMLError(
                    "invalid digit \(Scanner.describe(b)) in \(name) integer '\(text)'", at: position)
            }
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (a, o2) = m.addingReportingOverflow(UInt64(digit))
            if o1 || o2 || a > UInt64(Int64.max) {
                throw TOMLError("integer \(text) does not fit in 64 bits", at: position)
            }
            value = a
            previousWasDigit = true
        }
        return Int64(value)
    }
}
