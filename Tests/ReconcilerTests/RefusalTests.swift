import BerthTestSupport
import Foundation
import Reconciler
import Resources
import Testing

/// Every kind of bad input: a clear error naming the place, and nothing written.
@Suite struct RefusalTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var file: String = "manifests/bad.yaml"
        var contents: String
        var expected: [String]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "syntax error", contents: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n   bad: indent\n", expected: ["manifests/bad.yaml:5:"]),
        Case(name: "not a mapping", contents: "- a\n- b\n", expected: ["manifests/bad.yaml:1:1", "expected a mapping"]),
        Case(name: "missing apiVersion", contents: "kind: ConfigMap\nmetadata: {name: a}\n", expected: ["apiVersion"]),
        Case(name: "missing kind", contents: "apiVersion: v1\nmetadata: {name: a}\n", expected: ["kind"]),
        Case(name: "missing name", contents: "apiVersion: v1\nkind: ConfigMap\nmetadata: {labels: {a: b}}\n", expected: ["metadata.name"]),
        Case(name: "name not DNS-1123", contents: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n", expected: ["manifests/bad.yaml:4:9", "metadata.name"]),
        Case(name: "invalid label key", contents: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    -bad-: x\n", expected: ["manifests/bad.yaml:6:", "metadata.labels"]),
        Case(name: "invalid label value", contents: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    ok: \"not valid!\"\n", expected: ["manifests/bad.yaml:6:", "metadata.labels"]),
        Case(name: "selector does not match template", contents: deployment(selector: "other"), expected: ["selector does not match template labels", "manifests/bad.yaml:12:"]),
        Case(name: "negative replicas", contents: deployment(replicas: "-1"), expected: ["spec.replicas", "manifests/bad.yaml:7:13"]),
        Case(name: "wrong type", contents: deployment(replicas: "\"three\""), expected: ["spec.replicas", "manifests/bad.yaml:7:13"]),
        Case(name: "port out of range", contents: deployment(port: "70000"), expected: ["containerPort", "manifests/bad.yaml:17:"]),
        Case(name: "alias bomb", contents: aliasBomb, expected: ["manifests/bad.yaml:", "alias"]),
        Case(name: "duplicate object", file: "manifests/web-again.yaml", contents: "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: nginx}]}}}\n", expected: ["duplicate", "manifests/web-again.yaml:1:1", "manifests/app.yaml:6:1"]),
        Case(name: "namespace missing", contents: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: nowhere}\n", expected: ["nowhere", "manifests/bad.yaml:3:"]),
    ]

    static func deployment(replicas: String = "1", selector: String = "web", port: String = "80") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
        spec:
          replicas: \(replicas)
          selector:
            matchLabels: {app: \(selector)}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: api
                  ports:
                    - containerPort: \(port)
                  image: api:1

        """
    }

    static let aliasBomb: String = {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\nlol: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for letter in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(letter): &\(letter) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = letter
        }
        return text
    }()

    @Test(arguments: cases)
    func refusedWithLocationAndNothingWritten(_ badCase: Case) throws {
        let bench = try Workbench()
        try bench.repo.write("manifests/app.yaml", goodApp)
        try bench.repo.commit("good")
        try bench.reconcile()
        let before = try bench.snapshot()

        try bench.repo.edit("manifests/app.yaml", replacing: "replicas: 2", with: "replicas: 3")
        try bench.repo.write(badCase.file, badCase.contents)
        try bench.repo.commit("bad: \(badCase.name)")
        let error = try #require(throws: ReconcileError.self) { try bench.reconcile() }
        for text in badCase.expected {
            #expect(error.description.contains(text), "\(badCase.name): \(error.description)")
        }
        #expect(try bench.snapshot() == before, "a refusal must leave the state untouched")
        let history = try bench.store().history(source: nil, limit: 1)
        #expect(history.first?.result == .refused)
    }

    @Test func secretErrorsNeverPrintValues() throws {
        let bench = try Workbench()
        try bench.repo.write("manifests/s.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  password: not*base64*hunter2\n")
        try bench.repo.commit("secret")
        let error = try #require(throws: ReconcileError.self) { try bench.reconcile() }
        #expect(error.description.contains("manifests/s.yaml:5:"), "\(error)")
        #expect(!error.description.contains("hunter2"))
    }

    @Test func invalidUTF8() throws {
        let bench = try Workbench()
        var bytes = Data("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: \"".utf8)
        bytes.append(contentsOf: [0xC3, 0x28])
        bytes.append(contentsOf: Data("\"}\n".utf8))
        try bench.repo.write("manifests/bad.yaml", bytes)
        try bench.repo.commit("latin-1")
        let error = try #require(throws: ReconcileError.self) { try bench.reconcile() }
        #expect(error.description.contains("manifests/bad.yaml"), "\(error)")
        #expect(error.description.lowercased().contains("utf-8"))
    }

    @Test func fileOverTheLimit() throws {
        let bench = try Workbench()
        try bench.repo.write("manifests/big.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: \"" + String(repeating: "x", count: 4096) + "\"\n")
        try bench.repo.commit("big")
        var options = bench.options()
        options.limits.maxFileBytes = 1024
        let error = try #require(throws: ReconcileError.self) { try bench.reconcile(options) }
        #expect(error.description.contains("manifests/big.yaml"))
        #expect(error.description.contains("1024"))
    }

    @Test func symlinkInTheTree() throws {
        let bench = try Workbench()
        try bench.repo.write("elsewhere/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")
        try FileManager.default.createDirectory(atPath: bench.repo.directory.subpath("manifests"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bench.repo.directory.subpath("manifests/link.yaml"), withDestinationPath: "../elsewhere/cm.yaml")
        try bench.repo.commit("a link")
        let error = try #require(throws: ReconcileError.self) { try bench.reconcile() }
        #expect(error.description.contains("manifests/link.yaml"))
        #expect(error.description.contains("symbolic link"))
    }

    @Test func requestErrors() throws {
        let bench = try Workbench()
        try bench.repo.write("manifests/app.yaml", goodApp)
        try bench.repo.commit("good")
        let unknown = try #require(throws: ReconcileError.self) { try bench.reconcile(bench.options(revision: "v9.9")) }
        #expect(unknown.description.contains("v9.9"))
        let path = try #require(throws: ReconcileError.self) { try bench.reconcile(bench.options(path: "deploy")) }
        #expect(path.description.contains("deploy"))
        var options = bench.options()
        let empty = try TemporaryDirectory()
        options.repository = empty.path
        let notRepository = try #require(throws: ReconcileError.self) { try bench.reconcile(options) }
        #expect(notRepository.description.contains(empty.path))
    }
}
