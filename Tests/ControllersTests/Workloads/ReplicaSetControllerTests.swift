import Foundation
import Resources
import Testing

@testable import Controllers

@Suite("ReplicaSet controller")
struct ReplicaSetControllerTests {
    static func replicaSet(replicas: Int64, minReadySeconds: Int64 = 0) -> Value {
        [
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": ["name": "web-5d4f8", "namespace": "shop", "uid": "uid-rs", "generation": 2],
            "spec": [
                "replicas": .int(replicas), "minReadySeconds": .int(minReadySeconds),
                "selector": ["matchLabels": ["app": "web"]],
                "template": [
                    "metadata": ["labels": ["app": "web", "tier": "front"], "annotations": ["note": "x"]],
                    "spec": ["containers": [["name": "web", "image": "web:v1"]]],
                ],
            ],
        ]
    }

    /// A pod owned by the ReplicaSet; `ready` is how many seconds before `epoch` it became ready.
    static func pod(
        _ name: String, node: String = "node-1", phase: String = "Running", ready: Double? = 100, created: Double = 200,
        restarts: Int64 = 0, labels: Value = ["app": "web", "tier": "front"], owned: Bool = true
    ) -> Value {
        var pod: Value = [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": [
                "name": .string(name), "namespace": "shop", "uid": .string("uid-" + name), "labels": labels,
                "creationTimestamp": .string(Timestamp.rfc3339(epoch.addingTimeInterval(-created))),
            ],
            "spec": ["nodeName": .string(node)],
            "status": ["phase": .string(phase), "containerStatuses": [["name": "web", "restartCount": .int(restarts)]]],
        ]
        if owned { pod[path: ["metadata", "ownerReferences"]] = [ControllerRef.make(for: replicaSet(replicas: 0))] }
        if let ready {
            pod[path: ["status", "conditions"]] = [
                ["type": "Ready", "status": "True", "lastTransitionTime": .string(Timestamp.rfc3339(epoch.addingTimeInterval(-ready)))]
            ]
        }
        return pod
    }

    @Test("creates the missing pods from the template, owned and named <replicaset>-<5 chars>")
    func createsPods() throws {
        var names = SeededNameGenerator(seed: 3)
        let step = ReplicaSetController.sync(replicaSet: Self.replicaSet(replicas: 3), pods: [Self.pod("a")], now: epoch, names: &names)
        #expect(step.createPods.count == 2 && step.deletePods.isEmpty)
        let pod = try #require(step.createPods.first)
        let name = WorkloadFields.name(pod)
        #expect(name.hasPrefix("web-5d4f8-") && name.count == "web-5d4f8-".count + 5)
        #expect(name.dropFirst("web-5d4f8-".count).allSatisfy { PodTemplateHash.alphabet.contains($0) })
        #expect(pod[path: ["metadata", "generateName"]] == "web-5d4f8-")
        #expect(pod[path: ["metadata", "namespace"]] == "shop")
        #expect(pod[path: ["metadata", "labels"]] == ["app": "web", "tier": "front"])
        #expect(pod[path: ["metadata", "annotations"]] == ["note": "x"])
        #expect(pod[path: ["spec", "containers"]] == [["name": "web", "image": "web:v1"]])
        let owner = try #require(pod[path: ["metadata", "ownerReferences"]]?.arrayValue?.first)
        #expect(owner == ["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d4f8", "uid": "uid-rs", "controller": true, "blockOwnerDeletion": true])
        #expect(Set(step.createPods.map(WorkloadFields.name)).count == 2)
        // The status counts the pods seen at the start: the new ones count next time.
        #expect(step.replicaSet?[path: ["status", "replicas"]] == 1)
        #expect(step.replicaSet?[path: ["status", "observedGeneration"]] == 2)
    }

    @Test("the same seed names the same pods")
    func reproducibleNames() {
        var a = SeededNameGenerator(seed: 9)
        var b = SeededNameGenerator(seed: 9)
        let rs = Self.replicaSet(replicas: 4)
        #expect(
            ReplicaSetController.sync(replicaSet: rs, pods: [], now: epoch, names: &a).createPods
                == ReplicaSetController.sync(replicaSet: rs, pods: [], now: epoch, names: &b).createPods)
    }

    @Test("deletion order: the first pod of each pair goes first", arguments: [
        ("unassigned before assigned", pod("a", node: "", phase: "Pending", ready: nil), pod("b")),
        ("Pending before Unknown", pod("a", phase: "Pending", ready: nil), pod("b", phase: "Unknown", ready: nil)),
        ("Unknown before Running", pod("a", phase: "Unknown", ready: nil), pod("b", phase: "Running", ready: nil)),
        ("not ready before ready", pod("a", ready: nil), pod("b")),
        ("lower deletion cost first", withCost(pod("a"), "-5"), pod("b")),
        ("ready 10 s (bucket 33) before ready 40 s (bucket 35)", pod("a", ready: 10), pod("b", ready: 40)),
        ("same bucket (10 s, 12 s): the lower uid", pod("a", ready: 12), pod("b", ready: 10)),
        ("more restarts first", pod("a", restarts: 3), pod("b", restarts: 1)),
        ("created 10 s ago before created 1000 s ago", pod("a", created: 10), pod("b", created: 1000)),
    ])
    func deletionOrder(rule: String, first: Value, second: Value) {
        for pods in [[first, second], [second, first]] {
            let sorted = PodDeletionOrder.sorted(pods, related: pods, now: epoch)
            #expect(sorted.map(WorkloadFields.name) == ["a", "b"], "\(rule)")
        }
    }

    @Test("a pod sharing its node with more pods of the owner goes first")
    func doubledUp() {
        let a = Self.pod("a", node: "node-1")
        let b = Self.pod("b", node: "node-2")
        let related = [a, b, Self.pod("c", node: "node-1")]
        #expect(PodDeletionOrder.sorted([b, a], related: related, now: epoch).map(WorkloadFields.name) == ["a", "b"])
    }

    @Test("scaling 4 pods down to 2 deletes the pending and the not-ready one")
    func scaleDown() {
        var names = SeededNameGenerator(seed: 1)
        let pods = [Self.pod("ready-old", ready: 5000), Self.pod("pending", node: "", phase: "Pending", ready: nil),
            Self.pod("ready-new", ready: 5), Self.pod("not-ready", ready: nil)]
        let step = ReplicaSetController.sync(replicaSet: Self.replicaSet(replicas: 2), pods: pods, now: epoch, names: &names)
        #expect(step.deletePods == ["pending", "not-ready"])
        #expect(step.createPods.isEmpty)
    }

    @Test("terminating and finished pods do not count: replacements are made at once")
    func inactivePods() {
        var names = SeededNameGenerator(seed: 1)
        var terminating = Self.pod("t")
        terminating[path: ["metadata", "deletionTimestamp"]] = .string(Timestamp.rfc3339(epoch))
        let pods = [Self.pod("a"), terminating, Self.pod("s", phase: "Succeeded"), Self.pod("f", phase: "Failed")]
        let step = ReplicaSetController.sync(replicaSet: Self.replicaSet(replicas: 3), pods: pods, now: epoch, names: &names)
        #expect(step.createPods.count == 2)
        #expect(step.replicaSet?[path: ["status", "replicas"]] == 1)
    }

    @Test("status: replicas, fully labelled, ready, and available after minReadySeconds 30")
    func status() {
        var names = SeededNameGenerator(seed: 1)
        let pods = [
            Self.pod("long", ready: 100),  // ready 100 s: available
            Self.pod("recent", ready: 10),  // ready 10 s: available in 20 s
            Self.pod("partial", ready: nil, labels: ["app": "web"]),  // lacks tier=front
        ]
        let step = ReplicaSetController.sync(replicaSet: Self.replicaSet(replicas: 3, minReadySeconds: 30), pods: pods, now: epoch, names: &names)
        let status = step.replicaSet?["status"]
        #expect(status == ["replicas": 3, "fullyLabeledReplicas": 2, "readyReplicas": 2, "availableReplicas": 1, "observedGeneration": 2])
        #expect(step.requeueAfter == 20)
        // Synced again with the status written and nothing changed: nothing to do.
        var names2 = SeededNameGenerator(seed: 1)
        let again = ReplicaSetController.sync(replicaSet: step.replicaSet!, pods: pods, now: epoch, names: &names2)
        #expect(again.isEmpty)
    }

    @Test("claims: adopts a matching orphan, releases an owned pod it no longer selects, leaves others' pods")
    func claims() throws {
        var names = SeededNameGenerator(seed: 1)
        let orphan = Self.pod("orphan", owned: false)
        let strayed = Self.pod("strayed", labels: ["app": "other"])
        var foreign = Self.pod("foreign", owned: false)
        foreign[path: ["metadata", "ownerReferences"]] = [["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "x", "uid": "uid-x", "controller": true]]
        let step = ReplicaSetController.sync(replicaSet: Self.replicaSet(replicas: 1), pods: [orphan, strayed, foreign], now: epoch, names: &names)
        let updated = Dictionary(uniqueKeysWithValues: step.updatePods.map { (WorkloadFields.name($0), $0) })
        #expect(Set(updated.keys) == ["orphan", "strayed"])
        #expect(ControllerRef.of(try #require(updated["orphan"]))?["uid"] == "uid-rs")
        #expect(try #require(updated["strayed"])[path: ["metadata", "ownerReferences"]] == nil)
        #expect(step.createPods.isEmpty && step.deletePods.isEmpty)  // the adopted orphan is the one replica
    }

    static func withCost(_ pod: Value, _ cost: String) -> Value {
        var copy = pod
        WorkloadFields.setAnnotation(&copy, WorkloadKeys.deletionCost, cost)
        return copy
    }
}
