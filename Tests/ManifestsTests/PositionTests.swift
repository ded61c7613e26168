import Manifests
import Resources
import Testing

@Suite("Node positions")
struct PositionTests {
    static let text = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
              - name: web
                image: nginx
              - name: sidecar
                image: "envoy"
                ports:
                - containerPort: 80
              volumes: &v
              - name: data
              copies: *v
        """

    static let cases: [(FieldPath, Int, Int)] = [
        (.root, 1, 1),
        (FieldPath(keys: "kind"), 2, 7),
        (FieldPath(keys: "metadata"), 4, 3),
        (FieldPath(keys: "metadata", "name"), 4, 9),
        (FieldPath(keys: "spec", "template", "spec", "containers"), 9, 7),
        ([.key("spec"), .key("template"), .key("spec"), .key("containers"), .index(0)], 9, 9),
        ([.key("spec"), .key("template"), .key("spec"), .key("containers"), .index(0), .key("name")], 9, 15),
        ([.key("spec"), .key("template"), .key("spec"), .key("containers"), .index(1), .key("image")], 12, 16),
        (
            [
                .key("spec"), .key("template"), .key("spec"), .key("containers"), .index(1), .key("ports"), .index(0),
                .key("containerPort"),
            ], 14, 26
        ),
        // Missing fields point at the nearest ancestor that exists.
        ([.key("spec"), .key("template"), .key("spec"), .key("containers"), .index(1), .key("resources")], 11, 9),
        ([.key("spec"), .key("template"), .key("spec"), .key("containers"), .index(5)], 9, 7),
        (FieldPath(keys: "status", "replicas"), 1, 1),
        // Through an alias, the alias itself is the nearest written node.
        ([.key("spec"), .key("template"), .key("spec"), .key("copies"), .index(0), .key("name")], 17, 15),
    ]

    @Test("location(of:) for keys, list items and missing fields", arguments: cases)
    func locations(path: FieldPath, line: Int, column: Int) throws {
        let document = try decodeOne(Self.text, file: "web.yaml")
        #expect(document.location(of: path) == SourceLocation(file: "web.yaml", line: line, column: column), "\(path)")
    }

    @Test("locations(of:) answers several paths with one parse, in order")
    func batch() throws {
        let document = try decodeOne(Self.text, file: "web.yaml")
        let paths = Self.cases.map(\.0)
        #expect(document.locations(of: paths) == paths.map { document.location(of: $0) })
        #expect(document.locations(of: paths).map(\.line) == Self.cases.map(\.1))
    }

    @Test("positions in a later document of a stream with anchors and merges")
    func laterDocument() throws {
        let text = "a: 1\n---\nbase: &b {x: 1}\nuse:\n  <<: *b\n  z: [1, 2]\n"
        let documents = try YAMLDecoder.decodeAll(text, file: "m.yaml")
        let second = try #require(documents.last)
        #expect(second.location(of: FieldPath([.key("use"), .key("z"), .index(1)])).description == "m.yaml:6:10")
        // A merged-in field was not written under `use`, so the mapping itself is the answer.
        #expect(second.location(of: FieldPath(keys: "use", "x")).description == "m.yaml:5:3")
    }

    @Test("the same path in different documents points into each document")
    func perDocument() throws {
        let documents = try YAMLDecoder.decodeAll("a:\n  b: 1\n---\n\n\na:\n    b: 2\n", file: "two.yaml")
        #expect(
            documents.map { $0.location(of: FieldPath(keys: "a", "b")).description } == [
                "two.yaml:2:6", "two.yaml:7:8",
            ])
    }

    @Test("columns count characters, not bytes")
    func unicodeColumns() throws {
        let document = try decodeOne("größe: 1\nnamé: ünïcode\n")
        #expect(document.location(of: FieldPath(keys: "namé")).column == 7)
    }
}
