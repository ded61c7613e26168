import Resources

/// Health as GitOps users know it from Argo CD, per resource and for a whole source.
public enum HealthStatus: String, Sendable, Comparable, CaseIterable {
    case healthy = "Healthy"
    case suspended = "Suspended"
    case progressing = "Progressing"
    case missing = "Missing"
    case degraded = "Degraded"

    /// The whole is as bad as its worst part, in Argo CD's order.
    private var severity: Int {
        switch self {
        case .healthy: return 0
        case .suspended: return 1
        case .progressing: return 2
        case .missing: return 3
        case .degraded: return 4
        }
    }

    public static func < (a: HealthStatus, b: HealthStatus) -> Bool { a.severity < b.severity }
}

/// One resource's health and why.
public struct ResourceHealth: Sendable, Hashable {
    public var status: HealthStatus
    public var message: String

    public init(_ status: HealthStatus, _ message: String = "") {
        self.status = status
        self.message = message
    }
}

/// Reads health from an object's spec and status (pure: the object in, the verdict out).
public enum Health {
    public static func of(_ object: Value?) -> ResourceHealth {
        guard let object else { return ResourceHealth(.missing, "not in the store") }
        switch (ObjectKey.group(ofAPIVersion: object["apiVersion"]?.stringValue ?? ""), object["kind"]?.stringValue ?? "") {
        case ("apps", "Deployment"): return deployment(object)
        case ("apps", "ReplicaSet"): return replicaSet(object)
        case ("", "Pod"): return pod(object)
        case ("", "Service"): return service(object)
        default: return ResourceHealth(.healthy)
        }
    }

    /// The source's health: the worst of its resources'.
    public static func aggregate(_ healths: [ResourceHealth]) -> HealthStatus {
        healths.map(\.status).max() ?? .healthy
    }

    static func int(_ object: Value, _ path: [String], _ fallback: Int64 = 0) -> Int64 {
        object[path: path]?.intValue ?? fallback
    }

    /// As `kubectl rollout status` reads a Deployment.
    static func deployment(_ d: Value) -> ResourceHealth {
        if d[path: ["spec", "paused"]]?.boolValue == true { return ResourceHealth(.suspended, "deployment is paused") }
        let generation = int(d, ["metadata", "generation"], 1)
        let observed = int(d, ["status", "observedGeneration"], 0)
        guard observed >= generation else {
            return ResourceHealth(.progressing, "waiting for the controller to observe generation \(generation)")
        }
        if PodState.condition(d, "Progressing")?["reason"]?.stringValue == "ProgressDeadlineExceeded" {
            return ResourceHealth(.degraded, "deployment \"\(d[path: ["metadata", "name"]]?.stringValue ?? "")\" exceeded its progress deadline")
        }
        let replicas = int(d, ["spec", "replicas"], 1)
        let updated = int(d, ["status", "updatedReplicas"])
        let total = int(d, ["status", "replicas"])
        let available = int(d, ["status", "availableReplicas"])
        if updated < replicas {
            return ResourceHealth(.progressing, "\(updated) out of \(replicas) new replicas have been updated")
        }
        if total > updated {
            return ResourceHealth(.progressing, "\(total - updated) old replicas are pending termination")
        }
        if available < updated {
            return ResourceHealth(.progressing, "\(available) of \(updated) updated replicas are available")
        }
        return ResourceHealth(.healthy, "\(available)/\(replicas) available")
    }

    static func replicaSet(_ rs: Value) -> ResourceHealth {
        let generation = int(rs, ["metadata", "generation"], 1)
        guard int(rs, ["status", "observedGeneration"], 0) >= generation else {
            return ResourceHealth(.progressing, "waiting for the controller to observe generation \(generation)")
        }
        let replicas = int(rs, ["spec", "replicas"], 1)
        let available = int(rs, ["status", "availableReplicas"])
        return available < replicas
            ? ResourceHealth(.progressing, "\(available) of \(replicas) replicas are available")
            : ResourceHealth(.healthy)
    }

    static func pod(_ pod: Value) -> ResourceHealth {
        switch PodState.phase(pod) {
        case "Succeeded": return ResourceHealth(.healthy, "completed")
        case "Failed":
            return ResourceHealth(.degraded, pod[path: ["status", "message"]]?.stringValue ?? "pod failed")
        case "Running":
            let statuses = pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []
            if let crashing = statuses.first(where: { $0[path: ["state", "waiting", "reason"]]?.stringValue == "CrashLoopBackOff" }) {
                return ResourceHealth(.degraded, "container \(crashing["name"]?.stringValue ?? "") is in CrashLoopBackOff")
            }
            return PodState.isReady(pod) ? ResourceHealth(.healthy) : ResourceHealth(.progressing, "running, not ready")
        default:
            if let scheduled = PodState.condition(pod, "PodScheduled"), scheduled["status"]?.stringValue == "False" {
                return ResourceHealth(.progressing, scheduled["message"]?.stringValue ?? "unschedulable")
            }
            return ResourceHealth(.progressing, "pending")
        }
    }

    static func service(_ service: Value) -> ResourceHealth {
        if service[path: ["spec", "type"]]?.stringValue == "LoadBalancer",
            (service[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? []).isEmpty
        {
            return ResourceHealth(.progressing, "waiting for a load balancer address")
        }
        return ResourceHealth(.healthy)
    }
}
