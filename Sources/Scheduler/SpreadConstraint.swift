import Resources

/// One `topologySpreadConstraints` entry with Kubernetes' defaults filled in.
struct SpreadConstraint: Sendable, Hashable {
    var maxSkew: Int
    var topologyKey: String
    /// DoNotSchedule filters; ScheduleAnyway only scores.
    var hard: Bool
    /// nil selects no pod.
    var selector: LabelSelector?
    var minDomains: Int
    /// nodeAffinityPolicy Honor (default): only nodes matching the pod's nodeSelector/required node
    /// affinity form domains.
    var honorNodeAffinity: Bool
    /// nodeTaintsPolicy Honor (default Ignore): only nodes whose NoSchedule/NoExecute taints the pod
    /// tolerates form domains.
    var honorNodeTaints: Bool

    static let hostnameKey = "kubernetes.io/hostname"

    init?(_ value: Value, podLabels: [String: String]) {
        guard let key = value["topologyKey"]?.stringValue else { return nil }
        topologyKey = key
        maxSkew = Int(value["maxSkew"]?.intValue ?? 1)
        hard = (value["whenUnsatisfiable"]?.stringValue ?? "DoNotSchedule") == "DoNotSchedule"
        minDomains = Int(value["minDomains"]?.intValue ?? 1)
        honorNodeAffinity = (value["nodeAffinityPolicy"]?.stringValue ?? "Honor") == "Honor"
        honorNodeTaints = (value["nodeTaintsPolicy"]?.stringValue ?? "Ignore") == "Honor"
        var selector: LabelSelector? = nil
        if let raw = value["labelSelector"], !raw.isNull { selector = try? LabelSelector(raw) }
        // matchLabelKeys: the pod's own values join the selector, so each revision spreads by itself.
        if var merged = selector {
            for k in (value["matchLabelKeys"]?.arrayValue ?? []).compactMap(\.stringValue) {
                if let v = podLabels[k] { merged.requirements.append(.init(key: k, op: .in, values: [v])) }
            }
            selector = merged
        }
        self.selector = selector
    }

    func selects(_ labels: [String: String]) -> Bool { selector?.matches(labels: labels) ?? false }
}
