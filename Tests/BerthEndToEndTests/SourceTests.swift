import BerthTestSupport
import Foundation
import Resources
import Testing

/// Sources other than the work tree at hand: bare repositories, file:// URLs, the real-world corpus.
@Suite struct SourceTests {
    @Test func fileURLIsMirroredAndFetchedOnEachRun() throws {
        let repo = try shopRepository()
        let elsewhere = try TemporaryDirectory()
        let berth = try Berth(repo: repo)
        let url = "file://\(repo.path)"
        let first = try berth("reconcile", "--repo", url, in: elsewhere.path)
        #expect(first.status == 0, "\(first)")
        try repo.edit("manifests/web.yaml", replacing: "replicas: 3", with: "replicas: 4")
        try repo.commit("web: 4 replicas")
        let second = try berth("reconcile", "--repo", url, "--dry-run", in: elsewhere.path)
        #expect(second.status == 2, "\(second)")
        #expect(second.stdout.contains("    -   replicas: 3\n    +   replicas: 4"), "\(second.stdout)")
    }

    @Test func bareRepository() throws {
        let repo = try shopRepository()
        let bare = try TemporaryDirectory()
        try repo.git("clone", "-q", "--bare", repo.path, bare.subpath("shop.git"))
        let berth = try Berth(repo: repo)
        let result = try berth("reconcile", "--repo", bare.subpath("shop.git"), "--dry-run")
        #expect(result.status == 2, "\(result)")
    }

    @Test(.enabled(if: PackagePaths.corpusFile("microservices-demo.yaml") != nil, "needs ../shared/corpus"))
    func realWorldCorpusPreviewsAndApplies() throws {
        let repo = try GitFixture()
        try repo.write("manifests/demo.yaml", try Data(contentsOf: URL(fileURLWithPath: PackagePaths.corpusFile("microservices-demo.yaml")!)))
        try repo.commit("microservices demo")
        let berth = try Berth(repo: repo)
        let preview = try berth("reconcile", "--dry-run", "-o", "json")
        #expect(preview.status == 2, "\(preview)")
        let plan = try Value(json: preview.stdout)
        #expect(plan["summary"]?["create"] == 35)
        #expect(plan["warnings"]?.arrayValue?.isEmpty == true, "\(plan["warnings"]!)")
        #expect(try berth("reconcile", "--no-wait").status == 0)
        let again = try berth("reconcile", "--dry-run")
        #expect(again.status == 0, "defaults must not show as a diff: \(again.stdout)")
        #expect(try berth.stored("deploy").count == 12)
        #expect(try berth.stored("sa").count == 11)
    }
}

/// The example apps stay valid: each applies, and kinds without a schema are listed by their name.
@Suite struct ExampleAppTests {
    @Test(arguments: ["guestbook", "custom-kinds"])
    func exampleApplies(folder: String) throws {
        let repo = try GitFixture()
        let source = URL(fileURLWithPath: PackagePaths.root).appendingPathComponent("Examples/\(folder)")
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) where file.hasSuffix(".yaml") {
            try repo.write("manifests/\(file)", try Data(contentsOf: source.appendingPathComponent(file)))
        }
        try repo.commit(folder)
        let berth = try Berth(repo: repo)
        let result = try berth("reconcile", "--no-wait")
        #expect(result.status == 0, "\(result)")
        #expect(try berth("reconcile", "--dry-run").status == 0)
        if folder == "custom-kinds" {
            #expect(result.stdout.contains("(no controller acts on this kind)"))
            let widgets = try berth("get", "widgets")
            #expect(widgets.stdout.contains("blue-widget") && widgets.stdout.contains("red-widget"), "\(widgets)")
            let blue = try Value(json: try berth("get", "widget.example.com", "blue-widget", "-o", "json").stdout)
            #expect(blue[path: ["spec", "settings", "verbose"]] == true, "merge key, then the override")
            #expect(blue[path: ["spec", "defaults", "verbose"]] == false, "YAML 1.1 'no'")
        }
    }
}
