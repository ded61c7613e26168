import Manifests
import Resources
import Store
import Testing

@testable import Reconciler

/// Plans from values: order, unchanged detection, masking, pruning.
@Suite struct PlannerTests {
    static func desired(_ yaml: String) throws -> [DesiredObject] {
        try YAMLDecoder.decodeAll(Array(yaml.utf8), file: "m.yaml").map { document in
            var value = document.value
            Defaulting.apply(to: &value)
            return DesiredObject(
                key: value.objectKey!, apiVersion: value["apiVersion"]!.stringValue!, value: value, document: document,
                isBuiltIn: true)
        }
    }

    static func live(_ objects: [DesiredObject], serverFields: Bool = true) -> [ObjectKey: StoredObject] {
        Dictionary(uniqueKeysWithValues: objects.map { object in
            var value = object.value
            if serverFields {
                value[path: ["metadata", "uid"]] = "0000"
                value[path: ["metadata", "resourceVersion"]] = "7"
                value["status"] = ["observedGeneration": 1]
            }
            return (object.key, StoredObject(key: object.key, value: value, resourceVersion: 7))
        })
    }

    static func inventory(_ objects: [DesiredObject]) -> [InventoryEntry] {
        objects.map { InventoryEntry(key: $0.key, apiVersion: $0.apiVersion, lastApplied: $0.value) }
    }

    static let app = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {selector: {app: web}, ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: creds, namespace: shop}
        stringData: {password: hunter2}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        """

    @Test func createsRunInApplyOrder() throws {
        let objects = try Self.desired(Self.app)
        let plan = Planner.plan(desired: objects, live: [:], inventory: [], prune: true)
        #expect(plan.changes.map(\.key.kind) == ["Namespace", "Secret", "Service", "Deployment"])
        #expect(plan.changes.allSatisfy { $0.action == .create })
        #expect(plan.inventoryChanged)
    }

    @Test func serverFieldsAndStatusAreNeverADiff() throws {
        let objects = try Self.desired(Self.app)
        let plan = Planner.plan(desired: objects, live: Self.live(objects), inventory: Self.inventory(objects), prune: true)
        #expect(plan.changes.isEmpty)
        #expect(plan.unchanged.count == 4)
        #expect(!plan.inventoryChanged)
    }

    @Test func omittedDefaultsAreNeverADiff() throws {
        let explicit = try Self.desired(Self.app.replacingOccurrences(of: "ports: [{port: 80}]", with: "ports: [{port: 80, targetPort: 80, protocol: TCP}], type: ClusterIP"))
        let implicit = try Self.desired(Self.app)
        let plan = Planner.plan(desired: implicit, live: Self.live(explicit), inventory: Self.inventory(explicit), prune: true)
        #expect(plan.changes.isEmpty)
    }

    @Test func secretValuesAreMaskedInTheDiff() throws {
        let before = try Self.desired(Self.app)
        let after = try Self.desired(Self.app.replacingOccurrences(of: "hunter2", with: "correct-horse"))
        let plan = Planner.plan(desired: after, live: Self.live(before), inventory: Self.inventory(before), prune: true)
        let secret = try #require(plan.changes.first)
        #expect(secret.key.kind == "Secret")
        let text = secret.diff.text
        #expect(text.contains("*** (before)") && text.contains("*** (after)"))
        #expect(!text.contains("aHVudGVyMg") && !text.contains("hunter2") && !text.contains("correct-horse"))
        #expect(secret.object?[path: ["data", "password"]] == .string(Base64.encode(Array("correct-horse".utf8))), "the store gets the real value")
    }

    @Test func deletesRunInReverseOrderAndNoPruneKeeps() throws {
        let objects = try Self.desired(Self.app)
        let remaining = objects.filter { $0.key.kind == "Namespace" }
        let plan = Planner.plan(desired: remaining, live: Self.live(objects), inventory: Self.inventory(objects), prune: true)
        #expect(plan.changes.map { "\($0.action) \($0.key.kind)" } == ["delete Deployment", "delete Service", "delete Secret"])
        #expect(plan.changes.allSatisfy { $0.expectedResourceVersion == 7 })
        #expect(plan.inventory.map(\.key.kind) == ["Namespace"])

        let kept = Planner.plan(desired: remaining, live: Self.live(objects), inventory: Self.inventory(objects), prune: false)
        #expect(kept.changes.isEmpty)
        #expect(kept.keptByNoPrune.map(\.kind).sorted() == ["Deployment", "Secret", "Service"])
        #expect(kept.inventory.count == 4, "kept objects stay owned, so a later prune removes them")
    }

    @Test func theDefaultNamespaceIsNeverPruned() throws {
        let objects = try Self.desired("apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n")
        let plan = Planner.plan(desired: [], live: Self.live(objects), inventory: Self.inventory(objects), prune: true)
        #expect(plan.changes.isEmpty)
        #expect(plan.inventory.isEmpty)
    }

    @Test func renderedDiffsFollowTheChanges() throws {
        let yaml = (0..<9).map { "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c\($0), namespace: shop}\ndata: {i: \"\($0)\"}\n" }
        let plan = Planner.plan(desired: try Self.desired(yaml.joined(separator: "---\n")), live: [:], inventory: [], prune: true)
        let rendered = plan.renderedDiffs()
        #expect(rendered == plan.changes.map(\.diff.text))
        #expect(rendered.map { $0.split(separator: "\n").last } == (0..<9).map { "+   i: \"\($0)\"" })
    }

    @Test func liveDriftIsPutBack() throws {
        let objects = try Self.desired(Self.app)
        var live = Self.live(objects)
        let key = objects.first { $0.key.kind == "Deployment" }!.key
        live[key]!.value[path: ["spec", "replicas"]] = 9
        let plan = Planner.plan(desired: objects, live: live, inventory: Self.inventory(objects), prune: true)
        #expect(plan.changes.count == 1)
        #expect(plan.changes.first?.object?[path: ["spec", "replicas"]] == 1)
        #expect(plan.changes.first?.diff.text.split(separator: "\n").contains("-   replicas: 9") == true)
    }
}

@Suite struct NamespaceCascadeTests {
    @Test func deletingANamespaceDeletesWhatIsInItFirst() throws {
        let objects = try PlannerTests.desired(PlannerTests.app)
        let live = PlannerTests.live(objects)
        let plan = Planner.plan(desired: [], live: live, inventory: PlannerTests.inventory(objects), prune: true)
        let strayKey = ObjectKey(group: "", kind: "Pod", namespace: "shop", name: "stray")
        let stray = StoredObject(key: strayKey, value: ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "stray", "namespace": "shop"]], resourceVersion: 3)
        let contents = Array(live.values) + [stray]
        let cascaded = Planner.cascadeNamespaceDeletes(plan, contents: contents)
        #expect(cascaded.changes.map(\.key.kind) == ["Deployment", "Service", "Secret", "Pod", "Namespace"])
        #expect(cascaded.changes.first { $0.key == strayKey }?.notes == ["its namespace is deleted"])
        #expect(Planner.cascadeNamespaceDeletes(plan, contents: []).changes.count == 4)
    }
}
