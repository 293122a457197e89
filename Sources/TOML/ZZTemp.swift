public enum TOMLDecoder {
    public static let maxNestingDepth = 128
    public static func decode(_ text: String) throws(TOMLError) -> TOMLTable { try decode(bytes: Array(text.utf8)) }
    public static func decode(bytes: [UInt8]) throws(TOMLError) -> TOMLTable { throw TOMLError("parser not merged yet", at: TOMLPosition(line: 1, column: 1)) }
}
