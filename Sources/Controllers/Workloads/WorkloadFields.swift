import FoundationEssentials
import Resources

/// Label and annotation keys of the workload controllers, spelled as Kubernetes spells them.
enum WorkloadKeys {
    static let podTemplateHash = "pod-template-hash"
    static let revision = "deployment.kubernetes.io/revision"
    static let revisionHistory = "deployment.kubernetes.io/revision-history"
    static let desiredReplicas = "deployment.kubernetes.io/desired-replicas"
    static let maxReplicas = "deployment.kubernetes.io/max-replicas"
    static let changeCause = "kubernetes.io/change-cause"
    static let deletionCost = "controller.kubernetes.io/pod-deletion-cost"

    /// Annotations a Deployment keeps to itself (`annotationsToSkip` in deployment_util.go): the
    /// ReplicaSet's own revision is more reliable than a copy of the Deployment's, which may be stale.
    static let keptOnDeployment: Set<String> = [
        "kubectl.kubernetes.io/last-applied-configuration", revision, revisionHistory, desiredReplicas, maxReplicas,
        "deprecated.deployment.rollback.to",
    ]

    /// Kubernetes caps the comma-separated revision history of a ReplicaSet at this many characters.
    static let maxRevisionHistoryChars = 2000
}

/// Readings of object fields the workload controllers share; absent fields read as Kubernetes'
/// defaults (replicas 1, counts 0).
enum WorkloadFields {
    static func name(_ object: Value) -> String { object[path: ["metadata", "name"]]?.stringValue ?? "" }
    static func namespace(_ object: Value) -> String { object[path: ["metadata", "namespace"]]?.stringValue ?? "" }
    static func uid(_ object: Value) -> String? { object[path: ["metadata", "uid"]]?.stringValue }
    static func generation(_ object: Value) -> Int64 { int(object[path: ["metadata", "generation"]]) ?? 0 }
    static func isDeleting(_ object: Value) -> Bool {
        if let stamp = object[path: ["metadata", "deletionTimestamp"]], !stamp.isNull { return true }
        return false
    }

    /// An integer field; a whole double (as some JSON writers produce) counts too.
    static func int(_ value: Value?) -> Int64? {
        switch value {
        case .int(let i)?: return i
        case .double(let d)? where d == d.rounded() && abs(d) < 9e18: return Int64(d)
        default: return nil
        }
    }

    /// `spec.replicas`, which the API server defaults to 1.
    static func specReplicas(_ object: Value) -> Int64 { int(object[path: ["spec", "replicas"]]) ?? 1 }

    static func status(_ object: Value, _ field: String) -> Int64 { int(object[path: ["status", field]]) ?? 0 }

    static func annotation(_ object: Value, _ key: String) -> String? {
        object[path: ["metadata", "annotations", key]]?.stringValue
    }

    /// Sets (or with nil removes) one annotation, creating the mapping when it is absent or null.
    static func setAnnotation(_ object: inout Value, _ key: String, _ value: String?) {
        var annotations = object[path: ["metadata", "annotations"]] ?? .emptyObject
        if annotations.objectValue == nil { annotations = .emptyObject }
        annotations[key] = value.map(Value.string)
        if object["metadata"]?.objectValue == nil { object["metadata"] = .emptyObject }
        object[path: ["metadata", "annotations"]] = annotations
    }

    static func annotations(_ object: Value) -> [(key: String, value: String)] {
        (object[path: ["metadata", "annotations"]]?.objectValue ?? Fields()).compactMap { key, value in
            value.stringValue.map { (key, $0) }
        }
    }

    /// The revision a ReplicaSet carries; nil when absent or not a number.
    static func revision(_ object: Value) -> Int64? { annotation(object, WorkloadKeys.revision).flatMap { Int64($0) } }

    static func creationTime(_ object: Value) -> Date? {
        object[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamp.parse)
    }

    /// Kubernetes' `ReplicaSetsByCreationTimestamp`: older first, a missing time (Go's zero time) first
    /// of all, and the name breaking ties.
    static func olderFirst(_ a: Value, _ b: Value) -> Bool {
        let ta = creationTime(a) ?? .distantPast
        let tb = creationTime(b) ?? .distantPast
        if ta != tb { return ta < tb }
        return name(a) < name(b)
    }

    /// The mapping of strings at `path` (labels, matchLabels).
    static func stringMap(_ object: Value, _ path: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in object[path: path]?.objectValue ?? Fields() {
            if let s = value.stringValue { out[key] = s }
        }
        return out
    }
}
