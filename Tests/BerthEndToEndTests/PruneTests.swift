import BerthTestSupport
import Foundation
import Resources
import Testing

/// Objects gone from git are deleted, unless --no-prune; objects berth did not apply are never touched.
@Suite struct PruneTests {
    @Test func removedFromGitIsPrunedInReverseOrder() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        #expect(try berth("reconcile").status == 0)
        try repo.remove("manifests/db.yaml")
        try repo.commit("drop the database")

        let preview = try berth("reconcile", "--dry-run", "-o", "json")
        #expect(preview.status == 2)
        let changes = try Value(json: preview.stdout)["changes"]?.arrayValue ?? []
        #expect(changes.map { "\($0["action"]!.stringValue!) \($0["kind"]!.stringValue!)" } == ["delete Deployment", "delete Service"])

        let apply = try berth("reconcile")
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stdout.contains("- deleted Deployment shop/db"))
        #expect(try berth.stored("deploy").map { $0[path: ["metadata", "name"]] } == ["web"])
        // The garbage collector took the pruned Deployment's ReplicaSet and pods with it.
        #expect(try berth.stored("rs").allSatisfy { $0[path: ["metadata", "name"]]?.stringValue?.hasPrefix("web-") == true })
        #expect(try berth.stored("po").allSatisfy { $0[path: ["metadata", "name"]]?.stringValue?.hasPrefix("web-") == true })
        #expect(try berth.stored("po").count == 3)
        #expect(try berth.stored("svc").compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["web"])
    }

    @Test func noPruneKeepsAndSaysSoThenALaterRunPrunes() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        #expect(try berth("reconcile").status == 0)
        try repo.remove("manifests/db.yaml")
        try repo.commit("drop the database")

        let kept = try berth("reconcile", "--no-prune")
        #expect(kept.status == 0, "\(kept)")
        #expect(kept.stdout.contains("kept Deployment shop/db: no longer in git, not pruned (--no-prune)"))
        #expect(try berth.stored("deploy").count == 2)

        let pruned = try berth("reconcile")
        #expect(pruned.status == 0)
        #expect(try berth.stored("deploy").count == 1, "the inventory still owned the kept objects")
    }

    @Test func objectsFromAnotherSourceAreNeverPruned() throws {
        let repo = try shopRepository()
        let other = try GitFixture()
        try other.write("deploy/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-other, namespace: default}\ndata: {a: b}\n")
        try other.commit("another source")
        let berth = try Berth(repo: repo)
        #expect(try berth("reconcile").status == 0)
        #expect(try berth("reconcile", "--repo", other.path, "--path", "deploy").status == 0)

        try repo.remove("manifests/config.yaml")
        try repo.edit("manifests/web.yaml", replacing: "            - configMapRef:\n                name: web-config\n", with: "")
        try repo.edit("manifests/db.yaml", replacing: "          envFrom:\n            - secretRef:\n                name: db-credentials\n", with: "")
        try repo.commit("no configuration")
        let result = try berth("reconcile")
        #expect(result.status == 0, "\(result)")
        let names = try berth.stored("cm").compactMap { $0[path: ["metadata", "name"]]?.stringValue }
        #expect(names == ["from-other"])
    }
}
