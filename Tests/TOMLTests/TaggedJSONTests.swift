import Testing
import TOML

/// The exact text `toml-test-decoder` prints.
@Suite struct TaggedJSONTests {
    @Test func scalarsAndSpecials() throws {
        let doc = try TOMLDecoder.decode(#"""
            s = "a\"b\\\n\u0001é"
            i = -9223372036854775808
            f = [nan, +inf, -inf, -0.0, 1e6, 0.1]
            b = true
            odt = 1979-05-27 07:32:00.999000+01:30
            ldt = 1979-05-27T07:32:00
            ld = 1979-05-27
            lt = 00:00:00.000001
            [t]
            x = {}
            """#)
        let t = #"{"type":"#
        #expect(TOMLTaggedJSON.encode(doc) == """
            {"s":\(t)"string","value":"a\\"b\\\\\\n\\u0001é"},\
            "i":\(t)"integer","value":"-9223372036854775808"},\
            "f":[\(t)"float","value":"nan"},\(t)"float","value":"inf"},\(t)"float","value":"-inf"},\
            \(t)"float","value":"-0.0"},\(t)"float","value":"1000000.0"},\(t)"float","value":"0.1"}],\
            "b":\(t)"bool","value":"true"},\
            "odt":\(t)"datetime","value":"1979-05-27T07:32:00.999+01:30"},\
            "ldt":\(t)"datetime-local","value":"1979-05-27T07:32:00"},\
            "ld":\(t)"date-local","value":"1979-05-27"},\
            "lt":\(t)"time-local","value":"00:00:00.000001"},\
            "t":{"x":{}}}
            """)
    }
}
