import BerthTestSupport
import Foundation
import Resources
import Testing

/// commit → preview → apply → edit → preview → apply, through the real binary.
@Suite struct ReconcileLoopTests {
    @Test func previewApplyInSyncEditAndHistory() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)

        let preview = try berth("reconcile", "--dry-run")
        #expect(preview.status == 2, "\(preview)")
        #expect(preview.stdout.contains("+ create Namespace shop"))
        #expect(preview.stdout.contains("+ create Deployment shop/web"))
        #expect(preview.stdout.contains("Plan: 7 to create, 0 to update, 0 to delete, 0 unchanged."))
        #expect(!berth.stateExists, "a dry run must not write the state folder")

        let apply = try berth("reconcile")
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stdout.contains("Applied"))
        #expect(apply.stdout.contains("7 created"))

        let again = try berth("reconcile", "--dry-run")
        #expect(again.status == 0, "\(again)")
        let head = try repo.git("rev-parse", "--short=7", "HEAD")
        #expect(again.stdout.contains("in sync at \(head)"))

        try repo.edit("manifests/web.yaml", replacing: "image: nginx:1.27", with: "image: nginx:1.28")
        try repo.commit("web: nginx 1.28")
        let diff = try berth("reconcile", "--dry-run")
        #expect(diff.status == 2)
        #expect(diff.stdout.contains("~ update Deployment shop/web"))
        #expect(diff.stdout.contains("    -         image: nginx:1.27"), "\(diff.stdout)")
        #expect(diff.stdout.contains("    +         image: nginx:1.28"))
        #expect(diff.stdout.contains("- name: web"), "the container is named by its key")
        #expect(diff.stdout.contains("Plan: 0 to create, 1 to update, 0 to delete, 6 unchanged."))

        #expect(try berth("reconcile").status == 0)
        let deployments = try berth.stored("deploy")
        let web = deployments.first { $0[path: ["metadata", "name"]] == "web" }
        #expect(web?[fieldPath: FieldPath([.key("spec"), .key("template"), .key("spec"), .key("containers"), .index(0), .key("image")])] == "nginx:1.28")
        #expect(web?[path: ["metadata", "generation"]] == 2)

        let second = try berth("reconcile")
        #expect(second.status == 0)
        #expect(second.stdout.contains("in sync"))

        let history = try berth("history", "-o", "json")
        let records = try Value(json: history.stdout).arrayValue ?? []
        #expect(records.count == 2, "an in-sync run on a synced commit writes nothing")
        #expect(records.first?["subject"] == "web: nginx 1.28")
        #expect(records.first?["author"] == "Ada Lovelace")
        #expect(records.first?["updated"] == 1)
        #expect(records.last?["created"] == 7)
        let text = try berth("history")
        #expect(text.stdout.contains("applied"))
        #expect(text.stdout.contains("web: nginx 1.28"))
    }

    @Test func jsonPlanFollowsTheContract() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        let result = try berth("reconcile", "--dry-run", "-o", "json")
        #expect(result.status == 2)
        let plan = try Value(json: result.stdout)
        #expect(plan["revision"]?.stringValue == (try repo.git("rev-parse", "HEAD")))
        #expect(plan["path"] == "manifests")
        #expect(plan["summary"] == ["create": 7, "update": 0, "delete": 0, "unchanged": 0])
        let changes = plan["changes"]?.arrayValue ?? []
        #expect(changes.count == 7)
        #expect(changes.first?["kind"] == "Namespace", "namespaces apply first")
        #expect(changes.allSatisfy { $0["action"] == "create" && $0["diff"]?.stringValue?.isEmpty == false })
        let secret = changes.first { $0["kind"] == "Secret" }
        #expect(secret?["namespace"] == "shop")
        #expect(secret?["apiVersion"] == "v1")
    }

    @Test func uncommittedEditsDoNotLeakIn() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        #expect(try berth("reconcile").status == 0)
        try repo.edit("manifests/web.yaml", replacing: "replicas: 3", with: "replicas: 9")
        try repo.write("manifests/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra, namespace: shop}\n")
        let result = try berth("reconcile", "--dry-run")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("in sync"))
    }

    @Test func secretValuesNeverAppear() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        let secretValue = "change-me-in-a-real-deployment"
        var outputs: [ProcessResult] = []
        outputs.append(try berth("reconcile", "--dry-run"))
        outputs.append(try berth("reconcile", "--dry-run", "-o", "json"))
        outputs.append(try berth("reconcile"))
        try repo.edit("manifests/config.yaml", replacing: secretValue, with: "another-secret-value")
        try repo.commit("rotate the password")
        let rotate = try berth("reconcile", "--dry-run")
        #expect(rotate.stdout.contains("*** (before)"))
        #expect(rotate.stdout.contains("*** (after)"))
        outputs.append(rotate)
        outputs.append(try berth("reconcile"))
        outputs.append(try berth("get", "secret", "db-credentials", "-n", "shop", "-o", "yaml"))
        outputs.append(try berth("get", "secrets", "-A", "-o", "json"))
        outputs.append(try berth("history", "-o", "json"))
        let encoded = [secretValue, "another-secret-value"].flatMap { [$0, Data($0.utf8).base64EncodedString()] }
        for output in outputs {
            for value in encoded {
                #expect(!output.stdout.contains(value) && !output.stderr.contains(value), "leaked in \(output)")
            }
        }
    }
}
