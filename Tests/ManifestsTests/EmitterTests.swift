import Manifests
import Resources
import Testing

@Suite("YAML emitter")
struct EmitterTests {
    static let trickyStrings: [String] = [
        "", " ", "web", "yes", "No", "on", "OFF", "y", "n", "true", "null", "Null", "~", "1", "-1", "+1", "0755",
        "0x1F", "0b11", "1_000", "08", "1.5", "1e3", "1.", ".5", ".inf", "-.Inf", ".nan", "2001-12-14",
        "2001-12-14T21:59:43Z", "1:20", "<<", "=", "-", "--", "---", "---x", "...", "- a", "-a", "--port=8080", "?",
        "? a", "?a", ":", ": a", ":a", "a:", "a: b", "a:b", "a #b", "a#b", "#a", "@x", "`x", "%x", "!x", "!!str",
        "&x", "*x", "|", ">", "'", "''", "\"", "it's", "say \"hi\"", "[", "]", "{", "}", ",", "a,b", "[a]", "{a: 1}",
        " lead", "trail ", "a\\b", "tab\there", "\t", "back\u{7}bell", "\u{0}", "del\u{7F}", "\u{85}next",
        "line\u{2028}sep", "\u{FEFF}bom", "é", "日本語", "emoji 🚢", "100m", "128Mi", "nginx:1.25", "http://x/y?z=1#f",
        // multi-line: literal blocks where they round-trip, double quotes where they do not
        "a\nb", "a\nb\n", "a\nb\n\n", "a\nb\n\n\n", "\n", "\n\n", "\nlead", "\n\nlead\n", "  indented\nx",
        "x\n  more indented\n", "trailing \nspace", "end space \n", "crlf\r\nline", "tab\tin\nblock\n",
        "#!/bin/sh\necho \"hi\" # comment\nexit 0\n", "key: value\n- item\n", "---\n...\n",
    ]

    @Test("strings round-trip as values, keys and list items", arguments: trickyStrings)
    func stringRoundTrip(s: String) throws {
        let value: Value = ["value": .string(s), "list": [.string(s), "after"]]
        let withKey: Value = .object(Fields([(s, .string(s)), ("next", 1)]))
        for v in [value, withKey] {
            let text = YAMLEmitter.emit(v)
            let back = try decodeOne(text, file: "emitted.yaml")
            #expect(back.value == v, "\(text)")
        }
        // As a whole document, a string must read back too (the empty string would be null).
        if !s.isEmpty {
            let documents = try YAMLDecoder.decodeAll(YAMLEmitter.emit(.string(s)), file: "root.yaml")
            #expect(documents.map(\.value) == [.string(s)], "\(YAMLEmitter.emit(.string(s)))")
        }
    }

    static let scalars: [(Value, String)] = [
        ("web", "web"), ("yes", "\"yes\""), ("", "\"\""), ("1", "\"1\""), ("0755", "\"0755\""), ("~", "\"~\""),
        ("2001-12-14", "\"2001-12-14\""), ("1:20", "\"1:20\""), ("<<", "\"<<\""), ("a: b", "'a: b'"),
        ("it's", "it's"), ("'q'", "'''q'''"), ("- a", "'- a'"), ("-c", "-c"), ("*x", "'*x'"), (" x", "' x'"),
        ("a\nb", "\"a\\nb\""), ("tab\t", "\"tab\\t\""), ("\u{7}", "\"\\a\""), ("\u{1}", "\"\\x01\""),
        ("日本", "日本"), (5, "5"), (-5, "-5"), (.double(1), "1.0"), (0.5, "0.5"), (.double(1e20), "1e+20"),
        (.double(.infinity), ".inf"), (.double(-.infinity), "-.inf"), (.double(.nan), ".nan"), (.null, "null"),
        (true, "true"), (false, "false"), ([], "[]"), (.emptyObject, "{}"), (["a", 1], "[a, 1]"),
        (["k": "yes"], "{k: \"yes\"}"),
    ]

    @Test("a quote followed by a combining mark is still escaped", arguments: ["it'\u{301}s", "'\u{301}", "'\u{301}'"])
    func quoteWithCombiningMark(_ s: String) throws {
        let fields: [(String, Value)] = [("k", .string(s)), ("items", [.string(s)]), (s, "key")]
        let value: Value = .object(Fields(fields))
        let text = YAMLEmitter.emit(value)
        #expect(try YAMLDecoder.decodeAll(text, file: "quote.yaml").map(\.value) == [value], "\(text)")
    }

    @Test("scalar() quotes only when plain text would mislead", arguments: scalars)
    func scalarForm(value: Value, expected: String) {
        #expect(YAMLEmitter.scalar(value) == expected)
    }

    static let values: [Value] = [
        ["replicas": 3, "ratio": 0.25, "whole": .double(2), "big": .int(.max), "small": .int(.min), "neg": -1.5e-7],
        ["empty": [:], "none": [], "nulls": [.null, .null], "flag": false],
        ["matrix": [[1, 2], [], [[3]], [["a": 1, "b": [2]]]]],
        [["a": ["b": ["c": ["d": [1]]]]], "x", [], [:]],
        ["multi": "line one\nline two\n", "list": ["one\ntwo", "three\n\n"], "nested": ["deep": ["text": "a\n b\n"]]],
    ]

    @Test("whole values round-trip", arguments: values)
    func valueRoundTrip(value: Value) throws {
        let text = YAMLEmitter.emit(value)
        #expect(try decodeOne(text).value == value, "\(text)")
    }

    @Test("emitDocuments joins documents with --- and they decode back in order")
    func documents() throws {
        let values: [Value] = [["kind": "A"], ["kind": "B", "data": ["k": "v\n"]], ["x"]]
        let text = YAMLEmitter.emitDocuments(values)
        #expect(text == "kind: A\n---\nkind: B\ndata:\n  k: |\n    v\n---\n- x\n")
        #expect(try YAMLDecoder.decodeAll(text, file: "d.yaml").map(\.value) == values)
    }

    @Test("a Deployment prints exactly as kubectl prints it")
    func deploymentFormat() throws {
        let container: Value = [
            "name": "web", "image": "nginx:1.25", "args": ["--port=8080", "-v"],
            "ports": [["containerPort": 80, "protocol": "TCP"]],
            "env": [["name": "DEBUG", "value": "yes"], ["name": "EMPTY", "value": ""]],
            "command": [], "resources": ["limits": ["cpu": "500m", "memory": "128Mi"]],
            "script": "echo hi\nexit 0\n",
        ]
        let deployment: Value = [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": [
                "name": "web", "labels": ["app": "web", "app.kubernetes.io/part-of": "shop"], "annotations": [:],
            ],
            "spec": [
                "replicas": 3, "selector": ["matchLabels": ["app": "web"]],
                "template": ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [container]]],
            ],
            "status": .null,
        ]
        let expected = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                app: web
                app.kubernetes.io/part-of: shop
              annotations: {}
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: web
                    image: nginx:1.25
                    args:
                    - --port=8080
                    - -v
                    ports:
                    - containerPort: 80
                      protocol: TCP
                    env:
                    - name: DEBUG
                      value: "yes"
                    - name: EMPTY
                      value: ""
                    command: []
                    resources:
                      limits:
                        cpu: 500m
                        memory: 128Mi
                    script: |
                      echo hi
                      exit 0
            status: null

            """
        #expect(YAMLEmitter.emit(deployment) == expected)
        #expect(try decodeOne(expected).value == deployment)
    }

    @Test("the corpus survives decode → emit → decode", .enabled(if: DocumentStreamTests.corpus != nil))
    func corpusRoundTrip() throws {
        let documents = try YAMLDecoder.decodeAll(try #require(DocumentStreamTests.corpus), file: "corpus.yaml")
        let text = YAMLEmitter.emitDocuments(documents.map(\.value))
        #expect(try YAMLDecoder.decodeAll(text, file: "again.yaml").map(\.value) == documents.map(\.value))
    }
}
