import Resources

/// A node taint: `key=value:effect`.
struct Taint: Sendable, Hashable {
    var key: String
    var value: String
    var effect: String

    static let noSchedule = "NoSchedule"
    static let noExecute = "NoExecute"
    static let preferNoSchedule = "PreferNoSchedule"

    init(key: String, value: String = "", effect: String) {
        self.key = key
        self.value = value
        self.effect = effect
    }

    init?(_ value: Value) {
        guard let key = value["key"]?.stringValue, let effect = value["effect"]?.stringValue else { return nil }
        self.init(key: key, value: value["value"]?.stringValue ?? "", effect: effect)
    }

    /// NoSchedule and NoExecute keep pods off at scheduling time; PreferNoSchedule only scores.
    var blocksScheduling: Bool { effect == Taint.noSchedule || effect == Taint.noExecute }
}

/// A pod toleration. `tolerationSeconds` only matters to eviction of running pods (NoExecute), never
/// to scheduling, so it is not read.
struct Toleration: Sendable, Hashable {
    var key: String
    var op: String
    var value: String
    var effect: String

    init(key: String = "", op: String = "", value: String = "", effect: String = "") {
        self.key = key
        self.op = op
        self.value = value
        self.effect = effect
    }

    init(_ value: Value) {
        self.init(
            key: value["key"]?.stringValue ?? "", op: value["operator"]?.stringValue ?? "",
            value: value["value"]?.stringValue ?? "", effect: value["effect"]?.stringValue ?? "")
    }

    /// Kubernetes' `ToleratesTaint`: an empty effect matches every effect, an empty key matches every
    /// key (validation only allows that with Exists), an empty operator means Equal.
    func tolerates(_ taint: Taint) -> Bool {
        if !effect.isEmpty && effect != taint.effect { return false }
        if !key.isEmpty && key != taint.key { return false }
        switch op {
        case "", "Equal": return value == taint.value
        case "Exists": return true
        default: return false
        }
    }
}

extension Array where Element == Toleration {
    func tolerate(_ taint: Taint) -> Bool { contains { $0.tolerates(taint) } }

    /// The first taint among `taints` that these tolerations leave untolerated.
    func firstUntolerated(_ taints: [Taint]) -> Taint? { taints.first { !tolerate($0) } }
}
