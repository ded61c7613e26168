import BerthTestSupport
import Foundation
import Resources
import Testing

/// Bad input through the binary: a clear error, exit 1, and the stored state untouched.
@Suite struct RefusalTests {
    @Test func aBadCommitIsRefusedWholeAndRecorded() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        #expect(try berth("reconcile").status == 0)
        let before = try berth("get", "deploy", "-A", "-o", "json").stdout

        try repo.edit("manifests/web.yaml", replacing: "replicas: 3", with: "replicas: \"three\"")
        try repo.edit("manifests/db.yaml", replacing: "image: postgres:16.4", with: "image: postgres:17")
        try repo.commit("web: a typo")
        let result = try berth("reconcile")
        #expect(result.status == 1)
        #expect(result.stderr.contains("manifests/web.yaml:10:"), "\(result)")
        #expect(result.stderr.contains("spec.replicas"))
        #expect(result.stderr.contains("nothing was applied"))
        #expect(try berth("get", "deploy", "-A", "-o", "json").stdout == before, "the good file must not land either")

        let history = try Value(json: try berth("history", "-o", "json").stdout).arrayValue ?? []
        #expect(history.first?["result"] == "refused")
        #expect(history.first?["subject"] == "web: a typo")
        #expect(history.first?["message"]?.stringValue?.contains("spec.replicas") == true)
    }

    @Test func requestErrorsExitOne() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        let unknown = try berth("reconcile", "--dry-run", "--revision", "no-such-branch")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no-such-branch"))
        let missing = try berth("reconcile", "--dry-run", "--path", "deploy")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("deploy"))
        let empty = try TemporaryDirectory()
        let notRepo = try berth("reconcile", "--dry-run", "--repo", empty.path)
        #expect(notRepo.status == 1)
        #expect(notRepo.stderr.contains("error:"))
        #expect(!berth.stateExists)
        let badFlag = try berth("get", "deploy", "-n", "a", "-A")
        #expect(badFlag.status != 0)
    }
}
