import Manifests
import Resources
import Testing

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

@Suite("Multi-document streams")
struct DocumentStreamTests {
    @Test("empty, comment-only and null documents are skipped but counted")
    func skipsEmptyDocuments() throws {
        let text = """
            # leading comment
            ---
            kind: A
            ---
            # only a comment
            ---
            ---
            null
            ---
            kind: B
            ...
            ---
            ~
            ---

            """
        let documents = try YAMLDecoder.decodeAll(text, file: "multi.yaml")
        #expect(documents.map(\.value) == [["kind": "A"], ["kind": "B"]])
        #expect(documents.map(\.index) == [0, 4])
        #expect(
            documents.map(\.location) == [
                SourceLocation(file: "multi.yaml", line: 3, column: 1),
                SourceLocation(file: "multi.yaml", line: 10, column: 1),
            ])
    }

    @Test("a document without a leading --- is document 0, and roots may be any node")
    func implicitFirstDocument() throws {
        let documents = try YAMLDecoder.decodeAll("a: 1\n---\n- x\n---\nplain\n", file: "f.yaml")
        #expect(documents.map(\.value) == [["a": 1], ["x"], "plain"])
        #expect(documents.map(\.index) == [0, 1, 2])
    }

    @Test("nothing, or only comments, is no documents")
    func emptyFiles() throws {
        #expect(try YAMLDecoder.decodeAll("", file: "e.yaml").isEmpty)
        #expect(try YAMLDecoder.decodeAll("# just a note\n\n", file: "e.yaml").isEmpty)
        #expect(try YAMLDecoder.decodeAll([UInt8](), file: "e.yaml").isEmpty)
    }

    @Test("anchors do not leak from one document into the next")
    func anchorsPerDocument() throws {
        let error = try #require(decodeError("a: &x 1\n---\nb: *x\n"))
        #expect(error.description == "bad.yaml:3:4: unknown anchor 'x' referenced")
    }

    static let corpus: String? = {
        // Tests/ManifestsTests/<this file> → package root → ../shared/corpus
        let root = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
        let path = (root + ["..", "shared", "corpus", "microservices-demo.yaml"]).joined(separator: "/")
        return readFile(path)
    }()

    @Test("the microservices-demo corpus decodes to its 35 objects", .enabled(if: corpus != nil, "corpus not present"))
    func corpusFile() throws {
        let text = try #require(Self.corpus)
        let documents = try YAMLDecoder.decodeAll(text, file: "microservices-demo.yaml")
        #expect(documents.count == 35)
        let kinds = documents.compactMap { $0.value.objectKey?.kind }
        #expect(kinds.count == 35)
        #expect(kinds.filter { $0 == "Deployment" }.count == 12)
        #expect(kinds.filter { $0 == "Service" }.count == 12)
        #expect(kinds.filter { $0 == "ServiceAccount" }.count == 11)
        // Every object's position points at its first line, after the `---` before it.
        for document in documents {
            #expect(document.location.column == 1)
            #expect(document.location(of: FieldPath(keys: "kind")).line > document.location.line - 1)
        }
    }
}

/// Reads a whole file with the C library (Foundation is not needed elsewhere in these tests).
func readFile(_ path: String) -> String? {
    guard let handle = fopen(path, "rb") else { return nil }
    defer { fclose(handle) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, handle)
        if n <= 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}
