/// Decodes TOML 1.0 text into a `TOMLTable` that remembers where every key
/// and value was written.
///
/// Errors carry the line and column of the first problem and a short reason,
/// e.g. `3:7: error: duplicate key 'port' (first defined at 2:1)`.
public enum TOMLDecoder {
    /// Maximum nesting of tables, arrays and inline tables; deeper input is
    /// refused with "nesting deeper than 128 levels". Real configs nest a
    /// handful of levels; the limit keeps hostile input from exhausting the stack.
    public static let maxNestingDepth: Int = 128

    /// Decodes a TOML document.
    public static func decode(_ text: String) throws(TOMLError) -> TOMLTable {
        var text = text
        // A native String is contiguous UTF-8; bridged ones are copied once.
        let result: Result<TOMLTable, TOMLError> = text.withUTF8 { buffer in
            Result { () throws(TOMLError) in try decode(validatedUTF8: buffer) }
        }
        return try result.get()
    }

    /// Decodes a TOML document from raw bytes, refusing invalid UTF-8.
    public static func decode(bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        let result: Result<TOMLTable, TOMLError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(TOMLError) in
                try UTF8Validator.validate(buffer)
                return try decode(validatedUTF8: buffer)
            }
        }
        return try result.get()
    }

    static func decode(validatedUTF8 buffer: UnsafeBufferPointer<UInt8>) throws(TOMLError) -> TOMLTable {
        try UTF8Validator.refuseNUL(buffer)
        var parser = Parser(buffer)
        return try parser.parseDocument()
    }
}
