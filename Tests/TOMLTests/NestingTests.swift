import Testing
import TOML

/// Hostile depth is refused with the nesting-limit error, never a stack overflow.
@Suite struct NestingTests {
    let limit = TOMLDecoder.maxNestingDepth
    var limitReason: String { "nesting deeper than \(limit) levels" }

    func reason(_ text: String) -> String? {
        do {
            _ = try TOMLDecoder.decode(text)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func hundredThousandOpenBracketsAreRefused() {
        #expect(reason("a=" + String(repeating: "[", count: 100_000)) == limitReason)
        #expect(reason("a=" + String(repeating: "{b=", count: 100_000)) == limitReason)
        #expect(reason("a=" + String(repeating: "[{b=", count: 50_000)) == limitReason)
    }

    @Test func deepKeysAreRefused() {
        let path = Array(repeating: "k", count: 100_000).joined(separator: ".")
        #expect(reason("[\(path)]") == limitReason)
        #expect(reason("\(path) = 1") == limitReason)
        #expect(reason("[[\(path)]]") == limitReason)
        #expect(reason("x = {\(path) = 1}") == limitReason)
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let arrays = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        _ = try TOMLDecoder.decode("a = " + arrays)
        #expect(reason("a = [" + arrays + "]") == limitReason)
        let tables = String(repeating: "{b=", count: limit) + "1" + String(repeating: "}", count: limit)
        _ = try TOMLDecoder.decode("a = " + tables)
    }
}
