import Foundation
import Resources
import Testing

@testable import Controllers

@Suite("Pod template hash and ReplicaSet names")
struct PodTemplateHashTests {
    static let template: Value = [
        "metadata": ["labels": ["app": "web", "tier": "front"]],
        "spec": ["containers": [["name": "web", "image": "web:v1"]]],
    ]

    @Test("FNV-32a of \"a\" is 0xe40c292c, the published test vector")
    func fnvVector() {
        var hasher = FNV32a()
        hasher.write(Array("a".utf8))
        #expect(hasher.value == 0xE40C_292C)
    }

    @Test("SafeEncodeString maps digits 0…9 to 4 5 6 7 8 9 b c d f", arguments: [
        ("3826002220", "7d6b446664"),  // 0xe40c292c in decimal
        ("0123456789", "456789bcdf"),
    ])
    func safeEncode(text: String, want: String) {
        #expect(PodTemplateHash.safeEncode(text) == want)
    }

    @Test("the same template gives the same hash, whatever its field order or hash label")
    func stable() {
        let reordered: Value = [
            "spec": ["containers": [["image": "web:v1", "name": "web"]]],
            "metadata": ["labels": ["tier": "front", "app": "web", "pod-template-hash": "whatever"]],
        ]
        let a = PodTemplateHash.compute(template: Self.template, collisionCount: nil)
        #expect(a == PodTemplateHash.compute(template: reordered, collisionCount: nil))
        #expect(PodTemplateHash.equalIgnoringHash(Self.template, reordered))
        #expect(a.count >= 6 && a.allSatisfy { PodTemplateHash.alphabet.contains($0) })
    }

    @Test("another image or a collision count gives another hash")
    func differs() {
        var other = Self.template
        other[path: ["spec", "containers"]] = [["name": "web", "image": "web:v2"]]
        let base = PodTemplateHash.compute(template: Self.template, collisionCount: nil)
        #expect(base != PodTemplateHash.compute(template: other, collisionCount: nil))
        #expect(base != PodTemplateHash.compute(template: Self.template, collisionCount: 1))
        #expect(PodTemplateHash.compute(template: Self.template, collisionCount: 1) != PodTemplateHash.compute(template: Self.template, collisionCount: 2))
        #expect(!PodTemplateHash.equalIgnoringHash(Self.template, other))
    }

    @Test("an empty mapping equals an absent one when comparing templates")
    func emptyEqualsAbsent() {
        var withEmpty = Self.template
        withEmpty[path: ["spec", "securityContext"]] = .emptyObject
        withEmpty[path: ["metadata", "annotations"]] = .null
        #expect(PodTemplateHash.equalIgnoringHash(Self.template, withEmpty))
    }

    @Test("a name taken by another template counts a collision, and the next sync uses the new hash")
    func collision() {
        let d = makeDeployment(replicas: 2)
        let hash = PodTemplateHash.compute(template: DeploymentSpec.template(d), collisionCount: nil)
        var squatter: Value = [
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": ["name": .string("web-\(hash)"), "namespace": "shop", "uid": "uid-other", "labels": ["app": "other"]],
            "spec": ["replicas": 0, "selector": ["matchLabels": ["app": "other"]], "template": Self.template],
        ]
        squatter[path: ["spec", "template", "metadata", "labels"]] = ["app": "other"]
        var cluster = WorkloadCluster(d)
        cluster.replicaSets = [squatter]
        let first = cluster.syncDeployment()
        #expect(first.createReplicaSets.isEmpty)
        #expect(cluster.deployment[path: ["status", "collisionCount"]] == 1)

        let second = cluster.syncDeployment()
        let created = second.createReplicaSets.map(WorkloadFields.name)
        let rehashed = PodTemplateHash.compute(template: DeploymentSpec.template(d), collisionCount: 1)
        #expect(created == ["web-\(rehashed)"])
        #expect(rehashed != hash)
        #expect(cluster.deployment[path: ["status", "collisionCount"]] == 1)  // kept in the status
    }

    @Test("the ReplicaSet name is the same on every sync of the same template")
    func nameStable() {
        let d = makeDeployment(replicas: 2)
        let a = DeploymentController.sync(deployment: d, replicaSets: [], pods: [], now: epoch)
        let b = DeploymentController.sync(deployment: d, replicaSets: [], pods: [], now: epoch.addingTimeInterval(60))
        #expect(a.createReplicaSets.map(WorkloadFields.name) == b.createReplicaSets.map(WorkloadFields.name))
    }
}
