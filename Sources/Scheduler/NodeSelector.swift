import Resources

/// One `matchExpressions` / `matchFields` requirement of a node selector term.
struct NodeSelectorRequirement: Sendable, Hashable {
    enum Operator: String, Sendable, Hashable {
        case `in` = "In", notIn = "NotIn", exists = "Exists", doesNotExist = "DoesNotExist", gt = "Gt", lt = "Lt"
    }

    var key: String
    var op: Operator
    var values: [String]

    init?(_ value: Value) {
        guard let key = value["key"]?.stringValue, let opText = value["operator"]?.stringValue,
            let op = Operator(rawValue: opText)
        else { return nil }
        self.key = key
        self.op = op
        self.values = (value["values"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// `Gt`/`Lt` compare integers: the single value and the label must both parse, or the requirement
    /// does not hold (Kubernetes' `nodeSelectorRequirementsAsSelector` rejects the term otherwise).
    func matches(_ labels: [String: String]) -> Bool {
        let label = labels[key]
        switch op {
        case .in: return label.map(values.contains) ?? false
        case .notIn: return label.map { !values.contains($0) } ?? true
        case .exists: return label != nil
        case .doesNotExist: return label == nil
        case .gt, .lt:
            guard values.count == 1, let bound = Int64(values[0]), let text = label, let actual = Int64(text) else {
                return false
            }
            return op == .gt ? actual > bound : actual < bound
        }
    }
}

/// A node selector term: every expression and every field requirement must hold. A term with none
/// matches no node, as in Kubernetes.
struct NodeSelectorTerm: Sendable, Hashable {
    var expressions: [NodeSelectorRequirement]
    var fields: [NodeSelectorRequirement]
    /// A requirement could not be read (an unknown operator): the term matches nothing.
    var isBroken: Bool

    init(_ value: Value) {
        let rawExpressions = value["matchExpressions"]?.arrayValue ?? []
        let rawFields = value["matchFields"]?.arrayValue ?? []
        expressions = rawExpressions.compactMap(NodeSelectorRequirement.init)
        fields = rawFields.compactMap(NodeSelectorRequirement.init)
        isBroken = expressions.count != rawExpressions.count || fields.count != rawFields.count
    }

    /// `matchFields` only knows `metadata.name`; an unknown field never matches.
    func matches(labels: [String: String], nodeName: String) -> Bool {
        if isBroken || (expressions.isEmpty && fields.isEmpty) { return false }
        let fieldSet = ["metadata.name": nodeName]
        return expressions.allSatisfy { $0.matches(labels) }
            && fields.allSatisfy { $0.key == "metadata.name" && $0.matches(fieldSet) }
    }
}

/// What a pod requires of a node's labels: `nodeSelector` AND (any of the required affinity terms),
/// Kubernetes' `RequiredNodeAffinity`.
struct RequiredNodeAffinity: Sendable, Hashable {
    var nodeSelector: [String: String]
    /// nil when the pod has no required node affinity; an empty list matches no node.
    var terms: [NodeSelectorTerm]?

    init(podSpec: Value) {
        var selector: [String: String] = [:]
        for (k, v) in podSpec["nodeSelector"]?.objectValue ?? Fields() {
            if let s = v.stringValue { selector[k] = s }
        }
        nodeSelector = selector
        let required = podSpec[path: ["affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"]]
        if let required, !required.isNull {
            terms = (required["nodeSelectorTerms"]?.arrayValue ?? []).map(NodeSelectorTerm.init)
        } else {
            terms = nil
        }
    }

    /// True when there is anything to check (PodTopologySpread then needs every topology key on a node).
    var isConstraining: Bool { !nodeSelector.isEmpty || terms != nil }

    func matches(labels: [String: String], nodeName: String) -> Bool {
        for (key, value) in nodeSelector where labels[key] != value { return false }
        guard let terms else { return true }
        return terms.contains { $0.matches(labels: labels, nodeName: nodeName) }
    }
}

/// A weighted preferred node affinity term.
struct PreferredNodeTerm: Sendable, Hashable {
    var weight: Int64
    var term: NodeSelectorTerm

    /// Terms of weight 0 are dropped, as Kubernetes' `NewPreferredSchedulingTerms` does.
    static func read(podSpec: Value) -> [PreferredNodeTerm] {
        let list = podSpec[path: ["affinity", "nodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution"]]
        return (list?.arrayValue ?? []).compactMap { item in
            guard let weight = item["weight"]?.intValue, weight != 0, let preference = item["preference"] else { return nil }
            return PreferredNodeTerm(weight: weight, term: NodeSelectorTerm(preference))
        }
    }
}
