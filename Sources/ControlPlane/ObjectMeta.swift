import Resources

/// Reading an object's metadata the way every controller here needs it.
extension Value {
    var metaName: String { self[path: ["metadata", "name"]]?.stringValue ?? "" }
    var metaNamespace: String { self[path: ["metadata", "namespace"]]?.stringValue ?? "" }
    var metaUID: String? { self[path: ["metadata", "uid"]]?.stringValue }
    /// The resourceVersion the object was read at: a write that finds another fails as a conflict.
    var metaResourceVersion: Int64? { self[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap(Int64.init) }

    /// The controller owner's uid (the ownerReference with `controller: true`).
    var controllerUID: String? {
        self[path: ["metadata", "ownerReferences"]]?.arrayValue?.first { $0["controller"]?.boolValue == true }?["uid"]?
            .stringValue
    }
}

extension ObjectKey {
    static func pod(_ namespace: String, _ name: String) -> ObjectKey {
        ObjectKey(group: "", kind: "Pod", namespace: namespace, name: name)
    }
    static func replicaSet(_ namespace: String, _ name: String) -> ObjectKey {
        ObjectKey(group: "apps", kind: "ReplicaSet", namespace: namespace, name: name)
    }
}
