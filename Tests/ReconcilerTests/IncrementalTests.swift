import BerthTestSupport
import Foundation
import Reconciler
import Resources
import Store
import Testing

/// After an apply, a run reads only the files whose blob changed and diffs only the objects
/// changed since: its plan must be the one a full read gives, whatever happened in between.
@Suite struct IncrementalTests {
    static let config = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {mode: fast}\n"
    /// An unknown field: a warning that must be reported on every run, read again or not.
    static let warned = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flags, namespace: shop}\ndata: {a: b}\nextra: field\n"

    /// What a reader of the plan sees, in a comparable form.
    static func summary(_ outcome: ReconcileOutcome) -> [String] {
        outcome.plan.changes.map { change in
            "\(change.action) \(change.key) \(change.notes) \(change.diff.text)"
        }
            + ["unchanged \(outcome.plan.unchanged.sorted())", "kept \(outcome.plan.keptByNoPrune)"]
            + ["keys \(outcome.source.keys.sorted())", "files \(outcome.source.fileCount)"]
            + outcome.source.warnings.map { "warning \($0)" }
    }

    /// Dry runs of HEAD with and without the snapshot: they must agree. Returns the incremental one.
    @discardableResult
    static func agree(_ bench: Workbench, prune: Bool = true, _ comment: Comment) throws -> ReconcileOutcome {
        let incremental = try bench.reconcile(bench.options(dryRun: true, prune: prune))
        var full = bench.options(dryRun: true, prune: prune)
        full.incremental = false
        let reference = try bench.reconcile(full)
        #expect(reference.source.baseline == nil)
        #expect(summary(incremental) == summary(reference), comment)
        return incremental
    }

    /// A dry run refused both ways: the incremental run's error, checked to read as the full one's.
    static func refusedAlike(_ bench: Workbench) throws -> ReconcileError {
        var options = bench.options(dryRun: true)
        let incremental = try #require(throws: ReconcileError.self) { try bench.reconcile(options) }
        options.incremental = false
        let full = try #require(throws: ReconcileError.self) { try bench.reconcile(options) }
        #expect(incremental.description == full.description)
        return incremental
    }

    static func started() throws -> Workbench {
        let bench = try Workbench()
        try bench.repo.write("manifests/app.yaml", goodApp)
        try bench.repo.write("manifests/config.yaml", config)
        try bench.repo.write("manifests/warned.yaml", warned)
        try bench.repo.commit("start")
        try bench.reconcile()
        return bench
    }

    @Test func aRunOnTheSyncedCommitReadsNoFileAndReportsTheSame() throws {
        let bench = try Self.started()
        let outcome = try Self.agree(bench, "no-op")
        #expect(outcome.source.baseline != nil)
        #expect(outcome.source.objects.isEmpty, "no file changed, so none is read")
        #expect(outcome.plan.changes.isEmpty)
        #expect(outcome.plan.unchanged.count == 5)
        #expect(outcome.source.warnings.count == 1)
        #expect(outcome.source.warnings.first?.description.hasPrefix("manifests/warned.yaml:5:8: extra: unknown field") == true, "\(outcome.source.warnings)")
    }

    @Test func anEditedFileIsTheOnlyOneRead() throws {
        let bench = try Self.started()
        try bench.repo.edit("manifests/app.yaml", replacing: "replicas: 2", with: "replicas: 3")
        try bench.repo.commit("three")
        let outcome = try Self.agree(bench, "edit")
        #expect(outcome.source.objects.map(\.key.name).sorted() == ["shop", "web", "web"])
        #expect(outcome.plan.changes.map(\.action) == [.update])

        let applied = try bench.reconcile()
        #expect(applied.source.baseline != nil)
        guard case .applied = applied.result else { Issue.record("expected an apply, got \(applied.result)"); return }
        let after = try Self.agree(bench, "after the apply")
        #expect(after.plan.changes.isEmpty)
        #expect(after.source.objects.isEmpty)
    }

    @Test func filesAddedRemovedAndRenamed() throws {
        let bench = try Self.started()
        try bench.repo.remove("manifests/config.yaml")
        try bench.repo.write("manifests/more/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra, namespace: shop}\n")
        try bench.repo.commit("add and remove")
        let changed = try Self.agree(bench, "add and remove")
        #expect(changed.plan.changes.map { "\($0.action) \($0.key.name)" } == ["create extra", "delete settings"])
        try Self.agree(bench, prune: false, "kept by --no-prune")
        try bench.reconcile()

        try bench.repo.git("mv", "manifests/app.yaml", "manifests/more/app.yaml")
        try bench.repo.commit("rename")
        let renamed = try Self.agree(bench, "rename")
        #expect(renamed.plan.changes.isEmpty, "moving a file moves no object")
        try bench.reconcile()

        // An object moved from one file to another, in one commit.
        try bench.repo.remove("manifests/more/extra.yaml")
        try bench.repo.write("manifests/warned.yaml", Self.warned + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra, namespace: shop}\n")
        try bench.repo.commit("move an object")
        #expect(try Self.agree(bench, "moved object").plan.changes.isEmpty)
    }

    @Test func aRewrittenHistoryIsComparedFileByFile() throws {
        let bench = try Self.started()
        // The applied commit is amended and garbage-collected: git cannot diff against it any more,
        // so the tree is listed and compared with the recorded blob ids.
        try bench.repo.edit("manifests/config.yaml", replacing: "mode: fast", with: "mode: safe")
        try bench.repo.git("add", "-A")
        try bench.repo.git("commit", "-q", "--amend", "-m", "start, amended")
        try bench.repo.git("reflog", "expire", "--expire=now", "--all")
        try bench.repo.git("gc", "-q", "--prune=now")
        let outcome = try Self.agree(bench, "amended")
        #expect(outcome.source.baseline != nil)
        #expect(outcome.source.objects.map(\.key.name) == ["settings"])
        #expect(outcome.plan.changes.map(\.action) == [.update])
    }

    @Test func aPathGoneFromTheCommitIsReportedAsAFullReadReportsIt() throws {
        let bench = try Self.started()
        try bench.repo.git("rm", "-q", "-r", "manifests")
        try bench.repo.write("other/readme.md", "moved\n")
        try bench.repo.commit("no more manifests")
        _ = try Self.refusedAlike(bench)
    }

    @Test func objectsChangedInTheStoreAreDiffedAgain() throws {
        let bench = try Self.started()
        let store = try bench.store()
        let service = ObjectKey(group: "", kind: "Service", namespace: "shop", name: "web")
        let configMap = ObjectKey(group: "", kind: "ConfigMap", namespace: "shop", name: "settings")
        try store.write { tx in
            var live = try #require(try tx.get(service)).value
            live[path: ["spec", "ports"]] = [["port": 8080, "protocol": "TCP", "targetPort": 8080]]
            try tx.update(live)
            try tx.delete(configMap, expectedResourceVersion: nil)
        }
        let drifted = try Self.agree(bench, "drift")
        #expect(drifted.source.objects.isEmpty)
        #expect(drifted.plan.changes.map { "\($0.action) \($0.key.kind)" } == ["create ConfigMap", "update Service"])

        try bench.reconcile()
        #expect(try Self.agree(bench, "healed").plan.changes.isEmpty)
    }

    @Test func aPlanInSyncMovesTheSnapshotPastWritesThatChangedNothingGitOwns() throws {
        let bench = try Self.started()
        let store = try bench.store()
        let deployment = ObjectKey(group: "apps", kind: "Deployment", namespace: "shop", name: "web")
        let written = try store.write { tx -> Int64 in
            var live = try #require(try tx.get(deployment)).value
            live["status"] = ["replicas": 2, "readyReplicas": 2]
            try tx.update(live)
            return tx.revision
        }
        let preview = try Self.agree(bench, "a status written by a controller")
        #expect(preview.plan.changes.isEmpty)
        #expect(preview.inSyncThrough == written)
        #expect(try Self.agree(bench, "again").source.baseline ?? 0 < written, "a dry run writes nothing")

        // The applying run records it; so does `berth serve` after a drift check that found none.
        let applied = try bench.reconcile()
        #expect(applied.result == .inSync)
        #expect(applied.syncRecordID == nil)
        #expect(try Self.agree(bench, "after").source.baseline == written)
    }

    @Test func problemsInChangedFilesAreReportedAsAFullReadReportsThem() throws {
        let bench = try Self.started()
        try bench.repo.write("manifests/again.yaml", Self.config)
        try bench.repo.commit("duplicate")
        let incremental = try Self.refusedAlike(bench)
        #expect(incremental.description.contains("manifests/again.yaml:1:1"))
        #expect(incremental.description.contains("manifests/config.yaml:1:1"))
    }

    @Test func manifestsAreYAMLFilesInAnyCaseAndNothingElse() throws {
        let bench = try Workbench()
        let configMap = { (name: String) in "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \(name)}\n" }
        try bench.repo.write("manifests/a.yaml", configMap("a"))
        try bench.repo.write("manifests/b.yml", configMap("b"))
        try bench.repo.write("manifests/c.YAML", configMap("c"))
        try bench.repo.write("manifests/d.Yml", configMap("d"))
        try bench.repo.write("manifests/e.json", configMap("e"))
        try bench.repo.write("manifests/yaml", configMap("f"))
        try bench.repo.write("manifests/g.yaml.txt", configMap("g"))
        try bench.repo.write("manifests/h.xyaml", configMap("h"))
        try bench.repo.commit("files")
        let outcome = try bench.reconcile(bench.options(dryRun: true))
        #expect(outcome.source.keys.map(\.name).sorted() == ["a", "b", "c", "d"])
        #expect(outcome.source.fileCount == 4)
    }

    @Test func aDifferentLoaderSettingReadsEveryFile() throws {
        let bench = try Self.started()
        var options = bench.options(dryRun: true)
        options.limits.maxDepth = 64
        let outcome = try bench.reconcile(options)
        #expect(outcome.source.baseline == nil)
        #expect(outcome.source.objects.count == 5)
    }
}

@Suite struct StatePrefetchTests {
    @Test func aDryRunUsesTheStateReadBeforeItAndOnlyForItsOwnOptions() throws {
        let bench = try Workbench()
        try bench.repo.write("manifests/app.yaml", goodApp)
        try bench.repo.commit("start")
        try bench.reconcile()
        try bench.repo.edit("manifests/app.yaml", replacing: "replicas: 2", with: "replicas: 5")
        try bench.repo.commit("five")
        let expected = try bench.reconcile(bench.options(dryRun: true))

        // Read for these very options: the run plans the same.
        Reconciler.prefetchState(for: bench.options(dryRun: true))
        let prefetched = try bench.reconcile(bench.options(dryRun: true))
        #expect(prefetched.plan.changes.map(\.key) == expected.plan.changes.map(\.key))
        #expect(prefetched.plan.unchanged == expected.plan.unchanged)
        #expect(prefetched.source.baseline != nil)  // it went through the snapshot

        // Read for another state folder: the run does not take it, and plans against its own.
        var elsewhere = bench.options(dryRun: true)
        elsewhere.stateDirectory = bench.state.subpath("never-applied")
        Reconciler.prefetchState(for: elsewhere)
        let own = try bench.reconcile(bench.options(dryRun: true))
        #expect(own.plan.changes.map(\.key) == expected.plan.changes.map(\.key))
        let fresh = try bench.reconcile(elsewhere)  // takes the read made for it: an empty state
        #expect(fresh.plan.count(.create) == expected.plan.changes.count + expected.plan.unchanged.count)

        // Not for an apply: it opens (and may migrate) the store itself.
        Reconciler.prefetchState(for: bench.options())
        #expect(try bench.reconcile().result == .applied(storeRevision: try bench.store().revision()))
    }
}
