import FoundationEssentials
import Resources

/// The condition types and reasons a Deployment reports, and Kubernetes' rules for setting them
/// (`NewDeploymentCondition`, `SetDeploymentCondition` in deployment_util.go).
public enum DeploymentConditions {
    public static let progressing = "Progressing"
    public static let available = "Available"
    public static let replicaFailure = "ReplicaFailure"

    /// Reasons of the Progressing and Available conditions.
    public enum Reason {
        public static let newReplicaSetCreated = "NewReplicaSetCreated"
        public static let foundNewReplicaSet = "FoundNewReplicaSet"
        public static let replicaSetUpdated = "ReplicaSetUpdated"
        public static let newReplicaSetAvailable = "NewReplicaSetAvailable"
        public static let progressDeadlineExceeded = "ProgressDeadlineExceeded"
        public static let deploymentPaused = "DeploymentPaused"
        public static let deploymentResumed = "DeploymentResumed"
        public static let minimumReplicasAvailable = "MinimumReplicasAvailable"
        public static let minimumReplicasUnavailable = "MinimumReplicasUnavailable"
    }

    /// A condition stamped `now` for both its update and its transition.
    static func make(_ type: String, _ status: String, _ reason: String, _ message: String, now: Date) -> Value {
        let stamp = Value.string(Timestamp.rfc3339(now))
        return [
            "type": .string(type), "status": .string(status), "lastUpdateTime": stamp, "lastTransitionTime": stamp,
            "reason": .string(reason), "message": .string(message),
        ]
    }

    static func get(_ status: Value, _ type: String) -> Value? {
        status["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }

    /// `SetDeploymentCondition`: the same status and reason leave the condition untouched (message
    /// and times too); the same status with another reason keeps the old transition time; the new
    /// condition goes last, after the others of other types.
    static func set(_ status: inout Value, _ condition: Value) {
        var condition = condition
        let type = condition["type"]?.stringValue ?? ""
        if let current = get(status, type), current["status"] == condition["status"] {
            if current["reason"] == condition["reason"] { return }
            condition["lastTransitionTime"] = current["lastTransitionTime"]
        }
        remove(&status, type)
        var list = status["conditions"]?.arrayValue ?? []
        list.append(condition)
        status["conditions"] = .array(list)
    }

    static func remove(_ status: inout Value, _ type: String) {
        guard let list = status["conditions"]?.arrayValue else { return }
        let kept = list.filter { $0["type"]?.stringValue != type }
        status["conditions"] = kept.isEmpty ? Value?.none : .array(kept)
    }

    static func time(_ condition: Value, _ field: String) -> Date? {
        condition[field]?.stringValue.flatMap(Timestamp.parse)
    }
}
