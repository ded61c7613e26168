import Manifests
import Resources
import Testing

@Suite("Scalars resolve as Kubernetes resolves them (go-yaml v2, YAML 1.1)")
struct ScalarResolutionTests {
    static let plain: [(String, Value)] = [
        // nulls
        ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null), ("", .null), ("nULL", "nULL"),
        // booleans, YAML 1.1 words included
        ("y", true), ("Y", true), ("yes", true), ("Yes", true), ("YES", true), ("true", true), ("True", true),
        ("TRUE", true), ("on", true), ("On", true), ("ON", true),
        ("n", false), ("N", false), ("no", false), ("No", false), ("NO", false), ("false", false),
        ("False", false), ("FALSE", false), ("off", false), ("Off", false), ("OFF", false),
        ("yEs", "yEs"), ("yes please", "yes please"), ("True!", "True!"),
        // integers: Go's base prefixes, a leading 0 is octal, underscores dropped
        ("0", 0), ("-0", 0), ("12", 12), ("+12", 12), ("-12", -12), ("0755", 493), ("0o17", 15),
        ("0x1F", 31), ("0X1f", 31), ("-0x1F", -31), ("0b101", 5), ("-0b101", -5), ("1_000", 1000),
        ("9223372036854775807", .int(.max)), ("-9223372036854775808", .int(.min)),
        // beyond Int64: doubles, as Kubernetes reads the JSON number; beyond UInt64 in hex: text
        ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ("18446744073709551616", .double(18_446_744_073_709_551_616)),
        ("0xFFFFFFFFFFFFFFFF", .double(Double(UInt64.max))),
        ("0x1FFFFFFFFFFFFFFFF", "0x1FFFFFFFFFFFFFFFF"),
        // "08" is not octal, so go-yaml falls through to its float syntax
        ("08", .double(8)),
        // floats
        ("1.5", 1.5), ("1e3", .double(1000)), ("1.", .double(1)), ("-.5", -0.5), (".5", 0.5), ("1E-2", 0.01),
        ("1_0.5", 10.5), (".inf", .double(.infinity)), (".Inf", .double(.infinity)), ("+.INF", .double(.infinity)),
        ("-.inf", .double(-.infinity)), ("-.Inf", .double(-.infinity)), ("1e999", "1e999"),
        // strings that look close to something else
        ("1.2.3", "1.2.3"), ("0x", "0x"), (".", "."), ("2001-12-14", "2001-12-14"), ("1:20", "1:20"),
        ("<<", "<<"), ("nginx:1.25", "nginx:1.25"), ("100m", "100m"), ("128Mi", "128Mi"), ("1e", "1e"),
    ]

    @Test("plain scalars", arguments: plain)
    func plainScalar(text: String, expected: Value) throws {
        let document = try decodeOne("v: \(text)\n")
        #expect(document.value["v"] == expected, "v: \(text)")
    }

    @Test("NaN is a double that is not equal to itself")
    func notANumber() throws {
        for text in [".nan", ".NaN", ".NAN"] {
            guard case .double(let d) = try decodeOne("v: \(text)").value["v"] else {
                Issue.record("\(text) is not a double")
                continue
            }
            #expect(d.isNaN)
        }
    }

    static let styled: [(String, Value)] = [
        ("\"yes\"", "yes"), ("'1'", "1"), ("\"\"", ""), ("'~'", "~"), ("\"0755\"", "0755"), ("'null'", "null"),
        ("|-\n  123", "123"), ("|\n  yes\n", "yes\n"), (">-\n  on\n  off", "on off"),
        // explicit tags
        ("!!str 1", "1"), ("!!str yes", "yes"), ("!!str ~", "~"), ("!!int \"12\"", 12), ("!!int 0x10", 16),
        ("!!float 1", .double(1)), ("!!float \"2.5\"", 2.5), ("!!bool \"on\"", true), ("!!null \"\"", .null),
        ("!!null ~", .null), ("!!binary aGVsbG8=", "hello"), ("!!timestamp 2001-12-14", "2001-12-14"),
        // unknown and non-specific tags keep the text, as go-yaml does
        ("!custom 12", "12"), ("! 12", "12"), ("!!set yes", "yes"),
    ]

    @Test("quoted, block and tagged scalars", arguments: styled)
    func styledScalar(text: String, expected: Value) throws {
        let document = try decodeOne("v: \(text)\n")
        #expect(document.value["v"] == expected, "v: \(text)")
    }

    @Test(
        "a tag that does not fit its text is an error",
        arguments: [
            ("!!int abc", "cannot decode !!str `abc` as a !!int"),
            ("!!int 1.5", "cannot decode !!float `1.5` as a !!int"),
            ("!!bool 1", "cannot decode !!int `1` as a !!bool"),
            ("!!float yes", "cannot decode !!bool `yes` as a !!float"),
            ("!!null zero", "cannot decode !!str `zero` as a !!null"),
            ("!!binary a$b", "cannot decode !!str `a$b` as a !!binary"),
        ])
    func tagMismatch(text: String, message: String) throws {
        let error = try #require(decodeError("a: 1\nv: \(text)\n"))
        #expect(error.message == message)
        #expect(error.location.line == 2 && error.location.column == 4)
    }

    static let keys: [(String, String)] = [
        ("name", "name"), ("1", "1"), ("0x10", "16"), ("true", "true"), ("yes", "true"), ("Off", "false"),
        ("\"yes\"", "yes"), ("1.5", "1.5"), ("'1'", "1"), ("!!str 7", "7"),
    ]

    @Test("mapping keys become strings as sigs.k8s.io/yaml writes them", arguments: keys)
    func keyText(text: String, expected: String) throws {
        let document = try decodeOne("\(text): v\n")
        #expect(document.value.objectValue?.keys == [expected])
    }

    @Test("null and non-scalar keys are refused")
    func badKeys() throws {
        #expect(try #require(decodeError("~: v\n")).message.contains("mapping key must be"))
        #expect(try #require(decodeError("? [a]\n: v\n")).message.contains("not a list"))
    }
}
