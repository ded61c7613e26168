import Resources

/// The numbers a rolling update works within, resolved from a Deployment's spec as
/// `ResolveFenceposts`, `MaxSurge` and `MaxUnavailable` in deployment_util.go resolve them.
struct RolloutLimits: Equatable {
    var replicas: Int64
    var maxSurge: Int64
    var maxUnavailable: Int64

    /// For 10 replicas at 25%/25%: surge ⌈2.5⌉ = 3, unavailable ⌊2.5⌋ = 2. When both resolve to 0
    /// (say 1 replica at 25%/0), unavailable becomes 1, since a surge may be blocked by quota and
    /// the rollout must still move. A Recreate Deployment (or one of 0 replicas) has neither.
    init(deployment: Value) {
        replicas = WorkloadFields.specReplicas(deployment)
        guard DeploymentSpec.isRollingUpdate(deployment) else {
            maxSurge = 0
            maxUnavailable = 0
            return
        }
        let rolling = deployment[path: ["spec", "strategy", "rollingUpdate"]]
        var surge = RolloutLimits.scaled(rolling?["maxSurge"] ?? "25%", of: replicas, roundUp: true)
        var unavailable = RolloutLimits.scaled(rolling?["maxUnavailable"] ?? "25%", of: replicas, roundUp: false)
        if surge == 0 && unavailable == 0 { unavailable = 1 }
        surge = max(surge, 0)
        // MaxUnavailable is capped at the replica count and is 0 for 0 replicas.
        unavailable = replicas == 0 ? 0 : min(unavailable, replicas)
        maxSurge = surge
        maxUnavailable = unavailable
    }

    /// `GetScaledValueFromIntOrPercent`: an integer as written, `N%` of `total` rounded up or down;
    /// anything else (refused by validation) counts as 0.
    static func scaled(_ value: Value, of total: Int64, roundUp: Bool) -> Int64 {
        switch value {
        case .int(let i): return i
        case .string(let s) where s.hasSuffix("%"):
            guard let percent = Int64(s.dropLast()) else { return 0 }
            let product = percent * total
            return roundUp ? (product + 99) / 100 : product / 100
        default: return 0
        }
    }

    /// The fewest available pods a rolling update keeps: replicas − maxUnavailable.
    var minAvailable: Int64 { replicas - maxUnavailable }
}

/// Readings of a Deployment's spec, with the API server's defaults for absent fields.
enum DeploymentSpec {
    static func isRollingUpdate(_ d: Value) -> Bool {
        (d[path: ["spec", "strategy", "type"]]?.stringValue ?? "RollingUpdate") == "RollingUpdate"
    }

    static func isPaused(_ d: Value) -> Bool { d[path: ["spec", "paused"]] == true }

    static func minReadySeconds(_ d: Value) -> Int64 { WorkloadFields.int(d[path: ["spec", "minReadySeconds"]]) ?? 0 }

    /// nil when there is no deadline: absent, or Go's MaxInt32 which means "never".
    static func progressDeadline(_ d: Value) -> Int64? {
        guard let seconds = WorkloadFields.int(d[path: ["spec", "progressDeadlineSeconds"]]), seconds != Int64(Int32.max)
        else { return nil }
        return seconds
    }

    /// nil when old ReplicaSets are kept forever.
    static func revisionHistoryLimit(_ d: Value) -> Int64? {
        guard let limit = WorkloadFields.int(d[path: ["spec", "revisionHistoryLimit"]]), limit != Int64(Int32.max)
        else { return nil }
        return limit
    }

    static func template(_ d: Value) -> Value { d[path: ["spec", "template"]] ?? .emptyObject }
}
