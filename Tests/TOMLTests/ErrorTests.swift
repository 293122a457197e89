import Testing
import TOML

/// Error reasons are part of the contract: technicians read them.
@Suite struct ErrorTests {
    func error(_ text: String) -> TOMLError? {
        do {
            _ = try TOMLDecoder.decode(text)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("a = 1\nport = 1\nport = 2", "3:1: error: duplicate key 'port' (first defined at 2:1)"),
        ("s = \"a\\xb\"", "1:7: error: invalid escape '\\x' in basic string"),
        ("port 8883", "1:6: error: expected '=' after key 'port', found '8'"),
        ("[x]\n[mqtt]\n[mqtt]", "3:2: error: table 'mqtt' defined twice (first at 2:1)"),
        ("n = 99999999999999999999", "1:5: error: integer 99999999999999999999 does not fit in 64 bits"),
        ("n = 0123", "1:5: error: leading zeros are not allowed in decimal numbers ('0123')"),
        ("host = broker", "1:8: error: invalid value 'broker' (strings must be quoted)"),
        ("a = [1, 2", "1:5: error: unterminated array (missing ']')"),
        ("a = {x = 1,}", "1:12: error: trailing comma is not allowed in an inline table"),
        ("a.b = 1\na.b.c = 2", "2:3: error: key 'a.b' is already an integer (defined at 1:7), not a table"),
        ("d = 2026-02-29", "1:5: error: invalid date-time '2026-02-29': day 29 is out of range for the month"),
        ("s = 'a\u{7F}'", "1:7: error: control character U+007F is not allowed in a literal string"),
    ])
    func reasons(input: String, expected: String) {
        #expect(error(input)?.description == expected)
    }

    @Test func diagnosticNamesTheFile() {
        #expect(error("x = ")?.diagnostic(file: "station.toml")
            == "station.toml:1:5: error: expected a value, found end of input")
    }

    @Test func invalidUTF8IsRefusedWithAPosition() {
        do {
            _ = try TOMLDecoder.decode(bytes: Array("a = 1\nb = \"".utf8) + [0xC3, 0x28, 0x22])
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.description == "2:6: error: invalid UTF-8 (byte 0xC3)")
        }
    }
}
