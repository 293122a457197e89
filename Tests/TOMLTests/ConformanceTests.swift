import Testing
import TOML

/// Every TOML 1.0.0 case of the toml-test suite (`../shared/toml-test`).
@Suite struct ConformanceTests {
    @Test(
        "toml-test valid and invalid cases",
        .enabled(if: TestFiles.suiteIsPresent, "skipped: ../shared/toml-test not found beside the package")
    )
    func suite() throws {
        let root = try #require(TestFiles.suiteRoot) + "/tests/"
        let cases = TestFiles.listedCases()
        #expect(cases.count > 700, "the case list looks truncated")
        var valid = (passed: 0, total: 0)
        var invalid = (passed: 0, total: 0)
        for name in cases {
            guard let input = TestFiles.read(root + name) else {
                Issue.record("cannot read \(name)")
                continue
            }
            if name.hasPrefix("valid/") {
                valid.total += 1
                guard let expectedBytes = TestFiles.read(root + name.dropLast(5) + ".json"),
                    let expected = try? JSONValue.parse(expectedBytes)
                else {
                    Issue.record("\(name): expected JSON missing or unreadable")
                    continue
                }
                do {
                    let doc = try TOMLDecoder.decode(bytes: input)
                    if let difference = TaggedComparison.difference(expected, .table(doc)) {
                        Issue.record("\(name): \(difference)")
                    } else {
                        valid.passed += 1
                    }
                    // What toml-test-decoder prints must mean the same document.
                    let emitted = try JSONValue.parse(Array(TOMLTaggedJSON.encode(doc).utf8))
                    if let difference = TaggedComparison.difference(emitted, .table(doc)) {
                        Issue.record("\(name): tagged JSON output differs: \(difference)")
                    }
                } catch {
                    Issue.record("\(name) refused: \(error)")
                }
            } else if name.hasPrefix("invalid/") {
                invalid.total += 1
                do {
                    _ = try TOMLDecoder.decode(bytes: input)
                    Issue.record("\(name) accepted but is invalid")
                } catch {
                    invalid.passed += 1
                }
            }
        }
        print("toml-test TOML 1.0.0: valid \(valid.passed)/\(valid.total), invalid \(invalid.passed)/\(invalid.total)")
        #expect(valid.total > 0 && invalid.total > 0)
    }
}
