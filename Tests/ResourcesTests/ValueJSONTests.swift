import Testing
@testable import Resources

@Suite struct ValueJSONTests {
    @Test func roundTripKeepsOrderAndTypes() throws {
        let v: Value = ["b": 1, "a": ["x": true, "y": .null, "z": [1.5, "s\"\n\u{1}é😀"]]]
        let text = v.jsonString()
        #expect(text == #"{"b":1,"a":{"x":true,"y":null,"z":[1.5,"s\"\n\u0001é😀"]}}"#)
        let back = try Value(json: text)
        #expect(back == v)
        #expect(back.objectValue?.keys == ["b", "a"])
        #expect(try Value(json: v.jsonString(pretty: true)) == v)
    }

    @Test func escapesOnlyWhatJSONRequires() {
        let text = "\"\\\n\r\t\u{0}\u{1F} ~\u{7F}é\u{2028}😀"
        #expect(Value.string(text).jsonString() == #""\"\\\n\r\t\u0000\u001f ~\#u{7F}é\#u{2028}😀""#)
        #expect(Value.string("plain").jsonString() == #""plain""#)
        #expect(Value.string("").jsonString() == #""""#)
    }

    @Test func fieldEqualityIgnoresOrder() {
        let a: Value = ["x": 1, "y": 2]
        let b: Value = ["y": 2, "x": 1]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
    }

    @Test func rejectsMalformedJSON() {
        for text in ["{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "1 2"] {
            #expect(throws: JSONParseError.self) { try Value(json: text) }
        }
    }

    @Test func pathSubscriptCreatesAndRemoves() {
        var v: Value = ["metadata": ["name": "web"]]
        v[path: ["metadata", "labels", "app"]] = "web"
        #expect(v[path: ["metadata", "labels", "app"]] == "web")
        v[path: ["metadata", "name"]] = nil
        #expect(v[path: ["metadata", "name"]] == nil)
        #expect(v.objectKey == nil)
    }
}

@Suite struct FieldPathTests {
    @Test func rendersLikeKubernetes() {
        let p = FieldPath(keys: "spec", "template").appending("spec").appending("containers").appending(index: 0)
            .appending("image")
        #expect(p.description == "spec.template.spec.containers[0].image")
        #expect(FieldPath(keys: "metadata", "labels", "app.kubernetes.io/name").description
            == #"metadata.labels["app.kubernetes.io/name"]"#)
        #expect(FieldPath.root.description == "<root>")
    }

    @Test func looksUpThroughListsAndMappings() {
        let v: Value = ["spec": ["containers": [["name": "a"], ["name": "b"]]]]
        #expect(v[fieldPath: [.key("spec"), .key("containers"), .index(1), .key("name")]] == "b")
        #expect(v[fieldPath: [.key("spec"), .key("containers"), .index(2)]] == nil)
    }
}

@Suite struct FieldsTests {
    @Test func keysAreEqualAsStringsAre() {
        var fields = Fields()
        fields["caf\u{E9}"] = 1
        fields["cafe\u{301}"] = 2
        fields["\u{212A}ey"] = 3
        #expect(fields.count == 2)
        #expect(fields["Key"] == 3)
        #expect(fields["café"] == 2)
    }

    @Test func largeMappingsKeepOrderThroughInsertsAndRemovals() {
        var fields = Fields()
        for i in 0..<40 { fields["k\(i)"] = .int(Int64(i)) }
        fields["k3"] = nil
        fields["k30"] = nil
        fields["k5"] = "five"
        fields["new"] = true
        let expected = (0..<40).filter { $0 != 3 && $0 != 30 }.map { "k\($0)" } + ["new"]
        #expect(fields.keys == expected)
        #expect(fields["k5"] == "five")
        #expect(fields["k31"] == 31)
        #expect(!fields.contains("k30"))
        #expect(fields.map(\.key) == expected)
        for i in 0..<37 { fields[expected[i]] = nil }
        #expect(fields.keys == ["k39", "new"])
        #expect(fields["new"] == true)
    }

    @Test func modifyChangesInPlaceOrAddsAtTheEnd() {
        var value: Value = ["a": ["x": 1], "b": 2]
        value.modify("a") { $0["y"] = 2 }
        value.modify("c", default: .emptyObject) { $0["z"] = 3 }
        value.modify("b", default: 0) { $0 = 5 }
        #expect(value.objectValue?.keys == ["a", "b", "c"])
        #expect(value == ["a": ["x": 1, "y": 2], "b": 5, "c": ["z": 3]])
        #expect(value.modify("missing") { _ in true } == nil)
        var scalar: Value = "text"
        #expect(scalar.modify("a", default: 1) { _ in true } == nil)
        #expect(scalar == "text")
    }

    @Test func equalityAndHashIgnoreOrderAtAnySize() {
        let pairs = (0..<30).map { ("k\($0)", Value.int(Int64($0))) }
        let forward = Fields(pairs)
        let backward = Fields(pairs.reversed())
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        var changed = backward
        changed["k7"] = 8
        #expect(forward != changed)
    }
}
