import Controllers
import Resources
import Store

/// `berth rollout history` and `berth rollout undo`, on the stored objects.
public enum RolloutOperations {
    /// A named object that is not in the store.
    public struct NotFound: Error, CustomStringConvertible {
        public var key: ObjectKey
        public var description: String { "\(key.kind.lowercased()) \"\(key.name)\" not found in namespace \(key.namespace)" }
    }

    static func deploymentAndReplicaSets(_ key: ObjectKey, in store: any ObjectStore) throws -> (StoredObject, [Value]) {
        guard let deployment = try store.get(key) else { throw NotFound(key: key) }
        let replicaSets = try store.list(group: "apps", kind: "ReplicaSet", namespace: key.namespace).items.map(\.value)
        return (deployment, replicaSets)
    }

    /// Every revision of a Deployment, lowest first.
    public static func history(of key: ObjectKey, in store: any ObjectStore) throws -> [RolloutRevision] {
        let (deployment, replicaSets) = try deploymentAndReplicaSets(key, in: store)
        return DeploymentRollback.history(deployment: deployment.value, replicaSets: replicaSets)
    }

    /// Copies an earlier revision's template back into the Deployment; the controllers then roll it
    /// out. Returns the revision rolled back to, or nil when the template already was that one.
    @discardableResult
    public static func undo(_ key: ObjectKey, toRevision: Int64?, in store: any ObjectStore) throws -> Int64? {
        let (deployment, replicaSets) = try deploymentAndReplicaSets(key, in: store)
        let revisions = DeploymentRollback.history(deployment: deployment.value, replicaSets: replicaSets)
        guard let updated = try DeploymentRollback.rollback(deployment: deployment.value, replicaSets: replicaSets, toRevision: toRevision)
        else { return nil }
        try store.write { tx in try tx.update(updated, expectedResourceVersion: deployment.resourceVersion) }
        let template = updated[path: ["spec", "template"]]
        return revisions.last { $0.template == template.map(PodTemplateHash.withoutHashLabel) }?.revision ?? toRevision
    }
}
