import Manifests
import Resources
import Testing

@Suite("Anchors, aliases and merge keys")
struct AliasAndMergeTests {
    @Test("aliases copy scalars, mappings and lists; anchors may be redefined")
    func aliases() throws {
        let document = try decodeOne(
            """
            port: &port 8080
            labels: &labels {app: web, tier: front}
            list: &list [1, two]
            a: *port
            b: *labels
            c: *list
            port2: &port 9090
            d: *port
            """)
        #expect(document.value["a"] == 8080)
        #expect(document.value["b"] == ["app": "web", "tier": "front"])
        #expect(document.value["c"] == [1, "two"])
        #expect(document.value["d"] == 9090)
    }

    @Test("an alias may be a mapping key")
    func aliasKey() throws {
        let document = try decodeOne("k: &k name\n*k : value\n")
        #expect(document.value == ["k": "name", "name": "value"])
    }

    @Test("merge keys as go-yaml v2 applies them")
    func mergeKeys() throws {
        let document = try decodeOne(
            """
            base: &base
              a: 1
              b: 2
            other: &other
              b: 20
              c: 30
            later:
              <<: *base
              b: 3
            list:
              <<: [*other, *base]
              d: 4
            before:
              a: 0
              <<: *base
            inline:
              <<: {x: 1}
              z: 2
            tagged:
              !!merge <<: *base
            quoted:
              "<<": *base
            """)
        #expect(document.value["later"] == ["a": 1, "b": 3])
        #expect(document.value["list"] == ["b": 20, "c": 30, "a": 1, "d": 4])
        #expect(document.value["before"] == ["a": 1, "b": 2])
        #expect(document.value["inline"] == ["x": 1, "z": 2])
        #expect(document.value["tagged"] == ["a": 1, "b": 2])
        #expect(document.value["quoted"] == ["<<": ["a": 1, "b": 2]])
        #expect(document.value["list"]?.objectValue?.keys == ["b", "c", "a", "d"])
    }

    @Test("a key after a merge replaces the merged value without counting as a duplicate")
    func mergeThenOverride() throws {
        let document = try decodeOne("base: &b {name: x}\nc:\n  <<: *b\n  name: z\n")
        #expect(document.value["c"] == ["name": "z"])
    }

    @Test(
        "merging something that is not a mapping is refused",
        arguments: ["a: 1\nb:\n  <<: 5\n", "l: &l [1]\nb:\n  <<: *l\n", "a: &a {x: 1}\nb:\n  <<: [*a, 2]\n"])
    func badMerge(text: String) throws {
        let error = try #require(decodeError(text))
        #expect(error.message == "a merge key (<<) needs a mapping or a list of mappings as its value")
        #expect(error.location.line == 3)
    }

    @Test("unknown and self-referencing aliases are refused")
    func badAliases() throws {
        #expect(try #require(decodeError("a: *nope\n")).description == "bad.yaml:1:4: unknown anchor 'nope' referenced")
        #expect(
            try #require(decodeError("a: &a [1, *a]\n")).description
                == "bad.yaml:1:11: alias *a refers to a node that contains it")
    }

    /// Nine aliases per level multiply: level 9 would be 9^9 ≈ 387 million nodes if copied out.
    static let billionLaughs: String = {
        var lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            let refs = Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ")
            lines.append("l\(level): &l\(level) [\(refs)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test("an alias bomb is refused at the alias that crosses the bound")
    func aliasBomb() throws {
        let error = try #require(decodeError(Self.billionLaughs))
        #expect(error.message.contains("aliases expand to more than 100000 nodes"))
        #expect(error.message.contains("billion laughs"))
        // Level 5 holds 9^5 + … ≈ 66 000 nodes per alias, so the bound trips on line 6 (l5 = [*l4 …]).
        #expect(error.location.file == "bad.yaml")
        #expect(error.location.line == 6)
    }

    @Test("the bound is configurable, and a file under it decodes in full")
    func aliasBound() throws {
        let text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"  // each alias adds 4 nodes: the list and its items
        let tight = DecodeLimits(maxAliasExpansion: 7)
        #expect(decodeError(text, limits: tight)?.location.column == 9)
        let roomy = DecodeLimits(maxAliasExpansion: 8)
        #expect(decodeError(text, limits: roomy) == nil)
    }
}
