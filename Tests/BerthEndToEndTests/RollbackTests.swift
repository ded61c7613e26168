import BerthTestSupport
import Foundation
import Resources
import Testing

/// `berth rollback`: a revert commit in git, then a sync to it.
@Suite struct RollbackTests {
    func webImage(_ berth: Berth) throws -> String? {
        try berth.stored("deploy").first { $0[path: ["metadata", "name"]] == "web" }?[
            path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue
    }

    @Test func rollbackRevertsTheLastSyncedCommitInGitAndSyncsIt() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        #expect(try berth("cluster", "init", "--pod-accept", "0s", "--pod-start", "0s").status == 0)
        #expect(try berth("reconcile").status == 0)
        try repo.edit("manifests/web.yaml", replacing: "image: nginx:1.27", with: "image: nginx:1.28")
        let bad = try repo.commit("web: nginx 1.28")
        #expect(try berth("reconcile").status == 0)
        #expect(try webImage(berth) == "nginx:1.28")

        // Uncommitted edits to the file the revert touches refuse it; nothing changes.
        try repo.edit("manifests/web.yaml", replacing: "replicas: 3", with: "replicas: 7")
        let dirty = try berth("rollback")
        #expect(dirty.status == 1, "\(dirty)")
        #expect(dirty.stderr.contains("manifests/web.yaml"))
        #expect(try repo.git("rev-parse", "HEAD") == bad)
        try repo.git("checkout", "--", "manifests/web.yaml")

        let result = try berth("rollback")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("reverted \(bad.prefix(7)) \"web: nginx 1.28\""))
        #expect(try repo.git("log", "-1", "--format=%s") == "Revert \"web: nginx 1.28\"")
        #expect(try repo.git("log", "-1", "--format=%b").contains("This reverts commit \(bad)."))
        #expect(try repo.git("status", "--porcelain").isEmpty, "the work tree followed")
        #expect(try String(contentsOfFile: repo.directory.subpath("manifests/web.yaml"), encoding: .utf8).contains("nginx:1.27"))
        #expect(try webImage(berth) == "nginx:1.27")
        let history = try Value(json: try berth("history", "-o", "json").stdout).arrayValue ?? []
        #expect(history.first?["subject"] == "Revert \"web: nginx 1.28\"")
        #expect(history.first?["health"] == "Healthy")
    }

    @Test func rollbackOfARemoteSourcePushesTheRevert() throws {
        let work = try shopRepository()
        try work.edit("manifests/web.yaml", replacing: "image: nginx:1.27", with: "image: nginx:1.28")
        let bad = try work.commit("web: nginx 1.28")
        let origin = try TemporaryDirectory("berth-origin")
        try work.git("clone", "-q", "--bare", work.path, origin.subpath("shop.git"))
        let url = "file://\(origin.subpath("shop.git"))"
        let berth = try Berth(repo: work)
        #expect(try berth("reconcile", "--repo", url, "--no-wait").status == 0)
        #expect(try webImage(berth) == "nginx:1.28")

        let result = try berth("rollback", "--no-wait")
        #expect(result.status == 0, "\(result)")
        let originGit = ["--git-dir", origin.subpath("shop.git")]
        #expect(try work.git(originGit + ["log", "-1", "--format=%s"]) == "Revert \"web: nginx 1.28\"", "the origin has the revert")
        #expect(try work.git(originGit + ["rev-parse", "HEAD~1"]) == bad)
        #expect(try webImage(berth) == "nginx:1.27")
    }

    @Test func aMergeCommitIsRefused() throws {
        let repo = try shopRepository()
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.write("manifests/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra, namespace: shop}\n")
        try repo.commit("extra config")
        try repo.git("checkout", "-q", "main")
        try repo.write("README", "x")
        try repo.commit("readme")
        try repo.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature")
        let berth = try Berth(repo: repo)
        #expect(try berth("reconcile", "--no-wait").status == 0)
        let head = try repo.git("rev-parse", "HEAD")
        let result = try berth("rollback")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("merge"))
        #expect(try repo.git("rev-parse", "HEAD") == head, "nothing changed")
    }
}
