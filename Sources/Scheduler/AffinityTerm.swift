import Resources

/// A pod (anti-)affinity term with its namespaces resolved against the pod that declared it, so that
/// identical terms of many replicas are one hashable key in the snapshot's indexes.
struct AffinityTerm: Sendable, Hashable {
    /// nil selects no pod (Kubernetes turns a missing `labelSelector` into `labels.Nothing()`).
    var selector: LabelSelector?
    /// The listed namespaces; the declaring pod's own namespace when neither `namespaces` nor
    /// `namespaceSelector` is given.
    var namespaces: Set<String>
    /// nil: no selector. Empty: every namespace.
    var namespaceSelector: LabelSelector?
    var topologyKey: String

    /// `matchLabelKeys` / `mismatchLabelKeys` become `key in (owner's value)` / `key notin (…)`
    /// requirements, as Kubernetes merges them into the selector; keys the owner lacks are ignored.
    init(_ value: Value, ownerNamespace: String, ownerLabels: [String: String]) {
        var selector: LabelSelector? = nil
        if let raw = value["labelSelector"], !raw.isNull { selector = try? LabelSelector(raw) }
        if var merged = selector {
            for key in (value["matchLabelKeys"]?.arrayValue ?? []).compactMap(\.stringValue) {
                if let v = ownerLabels[key] { merged.requirements.append(.init(key: key, op: .in, values: [v])) }
            }
            for key in (value["mismatchLabelKeys"]?.arrayValue ?? []).compactMap(\.stringValue) {
                if let v = ownerLabels[key] { merged.requirements.append(.init(key: key, op: .notIn, values: [v])) }
            }
            selector = merged
        }
        self.selector = selector
        var namespaceSelector: LabelSelector? = nil
        if let raw = value["namespaceSelector"], !raw.isNull {
            // An unreadable selector selects no namespace rather than all of them.
            namespaceSelector = (try? LabelSelector(raw)) ?? LabelSelector(requirements: [.init(key: "", op: .in, values: [])])
        }
        self.namespaceSelector = namespaceSelector
        let listed = Set((value["namespaces"]?.arrayValue ?? []).compactMap(\.stringValue))
        self.namespaces = listed.isEmpty && namespaceSelector == nil ? [ownerNamespace] : listed
        self.topologyKey = value["topologyKey"]?.stringValue ?? ""
    }

    /// Whether a pod with these labels in this namespace is one the term selects.
    func matches(namespace: String, labels: [String: String], namespaceLabels: [String: [String: String]]) -> Bool {
        guard let selector else { return false }
        if !namespaces.contains(namespace) {
            guard let namespaceSelector, namespaceSelector.matches(labels: namespaceLabels[namespace] ?? ["kubernetes.io/metadata.name": namespace]) else {
                return false
            }
        }
        return selector.matches(labels: labels)
    }
}

/// A preferred term with its weight; the sign says affinity (+) or anti-affinity (−).
struct WeightedAffinityTerm: Sendable, Hashable {
    var term: AffinityTerm
    var weight: Int64
}

/// A pod's required and preferred pod (anti-)affinity, parsed once.
struct PodAffinity: Sendable, Hashable {
    var required: [AffinityTerm] = []
    var requiredAnti: [AffinityTerm] = []
    /// Affinity terms with positive weights and anti-affinity terms with negated weights.
    var preferred: [WeightedAffinityTerm] = []

    var isEmpty: Bool { required.isEmpty && requiredAnti.isEmpty && preferred.isEmpty }

    init() {}

    init(podSpec: Value, namespace: String, labels: [String: String]) {
        guard let affinity = podSpec["affinity"], !affinity.isNull else { return }
        func terms(_ path: [String]) -> [AffinityTerm] {
            (affinity[path: path]?.arrayValue ?? []).map {
                AffinityTerm($0, ownerNamespace: namespace, ownerLabels: labels)
            }
        }
        func weighted(_ path: [String], sign: Int64) -> [WeightedAffinityTerm] {
            (affinity[path: path]?.arrayValue ?? []).compactMap { item in
                guard let weight = item["weight"]?.intValue, weight != 0, let term = item["podAffinityTerm"] else { return nil }
                return WeightedAffinityTerm(
                    term: AffinityTerm(term, ownerNamespace: namespace, ownerLabels: labels), weight: sign * weight)
            }
        }
        let required = "requiredDuringSchedulingIgnoredDuringExecution"
        let preferred = "preferredDuringSchedulingIgnoredDuringExecution"
        self.required = terms(["podAffinity", required])
        self.requiredAnti = terms(["podAntiAffinity", required])
        self.preferred = weighted(["podAffinity", preferred], sign: 1) + weighted(["podAntiAffinity", preferred], sign: -1)
    }
}
