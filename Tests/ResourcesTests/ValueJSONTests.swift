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
