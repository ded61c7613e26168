import Foundation
import Resources
import Testing

@testable import Controllers

@Suite("Deployment revisions, history cleanup and rollback")
struct HistoryTests {
    /// Rolls out each image in turn to completion, recording a change-cause for each.
    static func rolledThrough(_ images: [String], limit: Int64 = 10) -> WorkloadCluster {
        var cluster = WorkloadCluster(makeDeployment(replicas: 2, image: images[0], revisionHistoryLimit: limit))
        WorkloadFields.setAnnotation(&cluster.deployment, WorkloadKeys.changeCause, "deploy \(images[0])")
        cluster.converge()
        for image in images.dropFirst() {
            cluster.setImage(image)
            WorkloadFields.setAnnotation(&cluster.deployment, WorkloadKeys.changeCause, "deploy \(image)")
            cluster.converge()
        }
        return cluster
    }

    static func revision(_ cluster: WorkloadCluster, _ image: String) -> String? {
        cluster.replicaSet(image).flatMap { WorkloadFields.annotation($0, WorkloadKeys.revision) }
    }

    @Test("revisionHistoryLimit 2: after four revisions the lowest scaled-down one is deleted")
    func historyLimit() {
        let cluster = Self.rolledThrough(["web:v1", "web:v2", "web:v3", "web:v4"], limit: 2)
        // v1, v2 and v3 are old and at 0; 3 − 2 = 1 goes, the lowest revision.
        #expect(cluster.replicaSet("web:v1") == nil)
        #expect(Self.revision(cluster, "web:v2") == "2" && Self.revision(cluster, "web:v3") == "3")
        #expect(Self.revision(cluster, "web:v4") == "4")
    }

    @Test("an old ReplicaSet still holding pods is not deleted by the history limit")
    func historyKeepsBusy() {
        var cluster = Self.rolledThrough(["web:v1", "web:v2"], limit: 0)
        #expect(cluster.replicaSet("web:v1") == nil)  // limit 0: every scaled-down old one goes
        cluster.setImage("web:v3")
        cluster.step()
        cluster.step()
        #expect(cluster.replicaSet("web:v2") != nil)  // mid-rollout: not complete, nothing deleted
    }

    @Test("the same template again reuses its ReplicaSet with the next revision")
    func identicalTemplateReuses() {
        var cluster = Self.rolledThrough(["web:v1", "web:v2"])
        let v1Name = WorkloadFields.name(cluster.replicaSet("web:v1")!)
        cluster.setImage("web:v1")
        cluster.deployment[path: ["spec", "template", "spec", "containers"]] =
            cluster.replicaSet("web:v1")![path: ["spec", "template", "spec", "containers"]]
        cluster.converge()
        #expect(cluster.replicaSets.count == 2)
        #expect(WorkloadFields.name(cluster.replicaSet("web:v1")!) == v1Name)
        #expect(Self.revision(cluster, "web:v1") == "3")
        #expect(WorkloadFields.annotation(cluster.replicaSet("web:v1")!, WorkloadKeys.revisionHistory) == "1")
        #expect(WorkloadFields.annotation(cluster.deployment, WorkloadKeys.revision) == "3")
        #expect((cluster.size("web:v1"), cluster.size("web:v2")) == (2, 0))
    }

    @Test("rollout history lists revisions with their ReplicaSet and change-cause")
    func history() {
        let cluster = Self.rolledThrough(["web:v1", "web:v2", "web:v3"])
        let history = DeploymentRollback.history(deployment: cluster.deployment, replicaSets: cluster.replicaSets)
        #expect(history.map(\.revision) == [1, 2, 3])
        #expect(history.map(\.changeCause) == ["deploy web:v1", "deploy web:v2", "deploy web:v3"])
        #expect(history[0].replicaSetName == WorkloadFields.name(cluster.replicaSet("web:v1")!))
        #expect(history[0].template[path: ["metadata", "labels"]] == ["app": "web"])
    }

    @Test("rollback to revision 1 copies its template and change-cause; the controller reuses its ReplicaSet")
    func rollbackToRevision() throws {
        var cluster = Self.rolledThrough(["web:v1", "web:v2", "web:v3"])
        let rolledBack = try #require(
            try DeploymentRollback.rollback(deployment: cluster.deployment, replicaSets: cluster.replicaSets, toRevision: 1))
        #expect(rolledBack[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"] == "web:v1")
        #expect(rolledBack[path: ["spec", "template", "metadata", "labels"]] == ["app": "web"])  // no hash label
        #expect(WorkloadFields.annotation(rolledBack, WorkloadKeys.changeCause) == "deploy web:v1")
        #expect(WorkloadFields.annotation(rolledBack, WorkloadKeys.revision) == "3")  // kept until the controller moves it

        cluster.deployment = rolledBack
        cluster.bumpGeneration()
        cluster.converge()
        #expect(cluster.replicaSets.count == 3)
        #expect(Self.revision(cluster, "web:v1") == "4")
        #expect((cluster.size("web:v1"), cluster.size("web:v3")) == (2, 0))
    }

    @Test("rollback without a revision goes to the previous one; to the current template it changes nothing")
    func rollbackPrevious() throws {
        let cluster = Self.rolledThrough(["web:v1", "web:v2", "web:v3"])
        let previous = try DeploymentRollback.rollback(deployment: cluster.deployment, replicaSets: cluster.replicaSets, toRevision: nil)
        #expect(previous?[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"] == "web:v2")
        let same = try DeploymentRollback.rollback(deployment: cluster.deployment, replicaSets: cluster.replicaSets, toRevision: 3)
        #expect(same == nil)
    }

    @Test("rollback errors", arguments: [
        (Int64(9), false, RollbackError.Reason.revisionNotFound(9), "deployment \"web\" has no revision 9; `rollout history` lists the revisions it has"),
        (Int64(1), true, RollbackError.Reason.paused, "deployment \"web\" is paused; resume it before rolling back"),
    ])
    func rollbackErrors(revision: Int64, paused: Bool, reason: RollbackError.Reason, message: String) {
        var cluster = Self.rolledThrough(["web:v1", "web:v2"])
        if paused { cluster.deployment[path: ["spec", "paused"]] = true }
        #expect(throws: RollbackError(deployment: "web", reason: reason)) {
            try DeploymentRollback.rollback(deployment: cluster.deployment, replicaSets: cluster.replicaSets, toRevision: revision)
        }
        #expect(RollbackError(deployment: "web", reason: reason).description == message)
    }

    @Test("rollback with a single revision has nowhere to go")
    func rollbackNoPrevious() {
        let cluster = Self.rolledThrough(["web:v1"])
        #expect(throws: RollbackError(deployment: "web", reason: .noPreviousRevision)) {
            try DeploymentRollback.rollback(deployment: cluster.deployment, replicaSets: cluster.replicaSets, toRevision: 0)
        }
    }
}
