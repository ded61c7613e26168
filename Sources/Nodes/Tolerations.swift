import Resources

/// Taint and toleration matching as Kubernetes' `ToleratesTaint` / `GetMatchingTolerations`.
public enum Tolerations {
    public static let notReadyKey = "node.kubernetes.io/not-ready"
    public static let unreachableKey = "node.kubernetes.io/unreachable"
    public static let unschedulableKey = "node.kubernetes.io/unschedulable"

    /// An empty effect matches every effect; an empty key with `Exists` matches every key;
    /// `Equal` (or no operator) needs the same value.
    public static func tolerates(_ toleration: Value, _ taint: Value) -> Bool {
        let effect = toleration["effect"]?.stringValue ?? ""
        if !effect.isEmpty && effect != taint["effect"]?.stringValue { return false }
        let key = toleration["key"]?.stringValue ?? ""
        if !key.isEmpty && key != taint["key"]?.stringValue { return false }
        switch toleration["operator"]?.stringValue ?? "" {
        case "", "Equal": return (toleration["value"]?.stringValue ?? "") == (taint["value"]?.stringValue ?? "")
        case "Exists": return true
        default: return false
        }
    }

    /// For each taint the first toleration that tolerates it; nil when some taint is not tolerated.
    static func matching(taints: [Value], tolerations: [Value]) -> [Value]? {
        var used: [Value] = []
        for taint in taints {
            guard let match = tolerations.first(where: { tolerates($0, taint) }) else { return nil }
            used.append(match)
        }
        return used
    }

    /// The shortest `tolerationSeconds` among the tolerations (≤ 0 counts as 0); nil when none sets
    /// one, which means tolerated forever.
    static func minimumSeconds(_ tolerations: [Value]) -> Int64? {
        let seconds = tolerations.compactMap { $0["tolerationSeconds"]?.intValue }
        guard let least = seconds.min() else { return tolerations.isEmpty ? 0 : nil }
        return max(least, 0)
    }

    /// The DefaultTolerationSeconds admission plugin: a pod that does not already tolerate
    /// `not-ready` / `unreachable` NoExecute taints (a toleration with that key or no key, and
    /// NoExecute or no effect) gets `{key, operator: Exists, effect: NoExecute, tolerationSeconds}`
    /// for each, 300 s by default.
    public static func addingDefaultTolerations(to pod: Value, seconds: Int64 = 300) -> Value {
        guard pod["spec"]?.objectValue != nil else { return pod }
        var tolerations = pod[path: ["spec", "tolerations"]]?.arrayValue ?? []
        for key in [notReadyKey, unreachableKey] {
            let covered = tolerations.contains { t in
                let tKey = t["key"]?.stringValue ?? ""
                let tEffect = t["effect"]?.stringValue ?? ""
                return (tKey == key || tKey.isEmpty) && (tEffect == "NoExecute" || tEffect.isEmpty)
            }
            if !covered {
                tolerations.append(["key": .string(key), "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": .int(seconds)])
            }
        }
        var out = pod
        out[path: ["spec", "tolerations"]] = .array(tolerations)
        return out
    }
}
