import Manifests
import Reconciler
import Resources
import Testing

/// The loader decodes files in parallel, yet gives what one thread going through them in order would.
@Suite struct SourceLoaderTests {
    static func configMap(_ name: String, namespace: String = "default", extra: String = "") -> String {
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \(name), namespace: \(namespace)}\n\(extra)"
    }

    /// Many files, some broken, some with warnings, one object defined twice far apart.
    static let files: [(path: String, bytes: [UInt8])] = (0..<400).map { i in
        let text: String
        switch i {
        case 7: text = "a: [unclosed\n"
        case 150: text = configMap("Bad_Name")
        case 151: text = configMap("c-\(i)", extra: "surprise: 1\n")
        case 300: text = configMap("c-3")
        case 399: text = "- not\n- a mapping\n"
        default: text = configMap("c-\(i)") + "---\n" + configMap("d-\(i)", namespace: "other")
        }
        return ("manifests/f\(i).yaml", Array(text.utf8))
    }

    @Test func resultsComeInFileOrder() {
        let loaded = SourceLoader.load(files: Self.files)
        let expectedObjects = Self.files.indices.flatMap { i -> [String] in
            switch i {
            case 7, 150, 300, 399: return []
            case 151: return ["c-151"]
            default: return ["c-\(i)", "d-\(i)"]
            }
        }
        #expect(loaded.objects.map(\.key.name) == expectedObjects)
        #expect(loaded.issues.map { $0.location?.file } == [
            "manifests/f7.yaml", "manifests/f150.yaml", "manifests/f300.yaml", "manifests/f399.yaml",
        ])
        #expect(loaded.issues[2].description == "manifests/f300.yaml:1:1: duplicate object ConfigMap default/c-3: also defined at manifests/f3.yaml:1:1")
        #expect(loaded.warnings.map(\.description) == [
            "manifests/f151.yaml:4:11: surprise: unknown field \"surprise\" (kept as written, not checked)"
        ])
    }

    @Test func repeatedLoadsAgree() {
        let first = SourceLoader.load(files: Self.files)
        for _ in 0..<3 {
            let again = SourceLoader.load(files: Self.files)
            #expect(again.objects.map(\.value) == first.objects.map(\.value))
            #expect(again.issues == first.issues)
            #expect(again.warnings == first.warnings)
        }
    }

    @Test func noFilesLoadNothing() {
        let loaded = SourceLoader.load(files: [])
        #expect(loaded.objects.isEmpty && loaded.issues.isEmpty && loaded.warnings.isEmpty)
    }
}
