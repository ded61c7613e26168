import Resources
import Store

/// Kubernetes' garbage collector, background cascade: an object whose owners are all gone is
/// deleted; one that keeps some owner loses only the references to the missing ones. Deleting a
/// Deployment so takes its ReplicaSets, and they their Pods.
public final class GarbageCollector: Controller {
    public let name = "garbage-collector"
    public let writes = ["ReplicaSet (delete)", "Pod (delete)"]
    public let watches: [Watch]

    /// The kinds that may have owners, and the kinds that may own them.
    public init(dependents: [GroupKind] = [.replicaSet, .pod], owners: [GroupKind] = [.deployment, .replicaSet]) {
        var watches = dependents.map { kind in
            Watch(kind, relation: "itself") { event, _ in event.kind == .deleted ? [] : [event.key] }
        }
        for owner in owners {
            watches.append(
                Watch(owner, relation: "owner deleted") { event, cache in
                    guard event.kind == .deleted, let uid = event.object[path: ["metadata", "uid"]]?.stringValue else { return [] }
                    return cache.dependents(ofUID: uid).compactMap(\.objectKey)
                })
        }
        self.watches = watches
    }

    public func reconcile(_ key: ObjectKey, context: ControllerContext) throws -> ReconcileResult {
        guard var object = context.cache.get(key) else { return .done }
        let references = object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
        guard !references.isEmpty else { return .done }
        let living = references.filter { reference in
            guard let kind = reference["kind"]?.stringValue, let name = reference["name"]?.stringValue,
                let uid = reference["uid"]?.stringValue
            else { return false }
            let group = ObjectKey.group(ofAPIVersion: reference["apiVersion"]?.stringValue ?? "")
            let ownerKey = ObjectKey(group: group, kind: kind, namespace: key.namespace, name: name)
            return context.cache.get(ownerKey)?[path: ["metadata", "uid"]]?.stringValue == uid
        }
        if living.count == references.count { return .done }
        let version = object[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap(Int64.init)
        try context.write { tx in
            if living.isEmpty {
                try tx.delete(key, expectedResourceVersion: version)
            } else {
                object[path: ["metadata", "ownerReferences"]] = .array(living)
                try tx.update(object, expectedResourceVersion: version)
            }
        }
        return .done
    }
}
