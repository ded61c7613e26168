import Manifests
import Resources
import Testing

@Suite("Decoding errors name file, line and column")
struct DecodeErrorTests {
    @Test("duplicate keys name the key and both lines")
    func duplicateKey() throws {
        let error = try #require(decodeError("metadata:\n  name: a\n  labels: {}\n  name: b\n"))
        #expect(error.description == "bad.yaml:4:3: mapping key \"name\" is defined twice, at lines 2 and 4")
    }

    @Test("a duplicate in a flow mapping and one made equal by key conversion are caught too")
    func duplicateKeyForms() throws {
        #expect(
            try #require(decodeError("a: {x: 1, x: 2}\n")).message.contains("\"x\" is defined twice, at lines 1 and 1"))
        #expect(
            try #require(decodeError("1: a\n\"1\": b\n")).message.contains("\"1\" is defined twice, at lines 1 and 2"))
    }

    static let syntax: [(String, String)] = [
        ("a: b: c\n", "bad.yaml:1:5: mapping values are not allowed in this context"),
        (
            "items: [1, 2\nnext: 3\n",
            "bad.yaml:2:5: did not find expected ',' or ']' (while parsing a flow sequence that started at line 1, column 8)"
        ),
        (
            "a:\n  b: 1\n c: 2\n",
            "bad.yaml:3:2: did not find expected key (while parsing a block mapping that started at line 1, column 1)"
        ),
        (
            "a: \"open\n",
            "bad.yaml:2:1: found unexpected end of stream (while scanning a quoted scalar that started at line 1, column 4)"
        ),
        (
            "a:\tb\n\tc: d\n",
            "bad.yaml:2:1: found a tab character that violates indentation (while scanning a plain scalar that started at line 1, column 4)"
        ),
    ]

    @Test("libyaml's syntax errors keep its message and position", arguments: syntax)
    func syntaxErrors(text: String, expected: String) throws {
        let error = try #require(decodeError(text))
        #expect(error.description == expected)
    }

    @Test("invalid UTF-8 is reported at its line and column")
    func invalidUTF8() throws {
        let bytes = Array("a: ok\nbé: ".utf8) + [0xFF, 0x0A]
        let error = try #require(decodeError(bytes))
        #expect(error.location == SourceLocation(file: "bad.yaml", line: 2, column: 5))
        #expect(error.message == "invalid text: invalid leading UTF-8 octet (byte 0xFF at offset 11)")
    }

    @Test("a file over the size limit is refused before parsing")
    func tooLarge() throws {
        let limits = DecodeLimits(maxFileBytes: 16)
        #expect(decodeError("a: 123456789012\n", limits: limits) == nil)
        let error = try #require(decodeError("a: 1234567890123\n", limits: limits))
        #expect(error.description == "bad.yaml:1:1: file is 17 bytes, over the limit of 16 bytes")
    }

    @Test("nesting deeper than the limit is refused")
    func tooDeep() throws {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let error = try #require(decodeError(deep))
        #expect(error.description == "bad.yaml:1:257: mappings and lists are nested deeper than 256 levels")
        let limits = DecodeLimits(maxDepth: 3)
        #expect(decodeError("a:\n  b:\n    c: 1\n", limits: limits) == nil)
        #expect(decodeError("a:\n  b:\n    c: [1]\n", limits: limits)?.location.line == 3)
    }

    @Test("an alias cannot carry a value past the depth limit")
    func tooDeepThroughAlias() throws {
        let limits = DecodeLimits(maxDepth: 4)
        let text = "a: &a [[1]]\nb: [*a]\nc: [[*a]]\n"  // b holds 3 levels, c would hold 4 + the root
        #expect(
            decodeError(text, limits: limits)?.description
                == "bad.yaml:3:6: through alias *a, mappings and lists are nested deeper than 4 levels")
        #expect(decodeError("a: &a [[1]]\nb: [*a]\n", limits: limits) == nil)
    }

    @Test("errors read the same way from every entry point")
    func entryPoints() throws {
        let text = "a: b: c\n"
        let fromBytes = decodeError(Array(text.utf8))
        var fromBuffer: ManifestError?
        Array(text.utf8).withUnsafeBytes { raw in
            do throws(ManifestError) {
                _ = try YAMLDecoder.decodeAll(raw, file: "bad.yaml")
            } catch {
                fromBuffer = error
            }
        }
        #expect(fromBytes != nil && fromBytes == fromBuffer)
    }
}
