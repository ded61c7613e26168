/// The reasons filters give, word for word as kube-scheduler's plugins give them, since users search
/// for these texts.
enum FilterReason {
    static let unschedulable = "node(s) were unschedulable"
    static let nodeName = "node(s) didn't match the requested node name"
    static let nodeAffinity = "node(s) didn't match Pod's node affinity/selector"
    static let nodePorts = "node(s) didn't have free ports for the requested pod ports"
    static let tooManyPods = "Too many pods"
    static let topologySpread = "node(s) didn't match pod topology spread constraints"
    static let topologySpreadMissingLabel = topologySpread + " (missing required label)"
    static let podAffinity = "node(s) didn't match pod affinity rules"
    static let podAntiAffinity = "node(s) didn't match pod anti-affinity rules"
    static let existingAntiAffinity = "node(s) didn't satisfy existing pods anti-affinity rules"

    static func insufficient(_ resource: String) -> String { "Insufficient \(resource)" }

    /// `{key: value}` with Go's `%s: %s`, so an empty value leaves `{key: }`.
    static func untoleratedTaint(_ taint: Taint) -> String {
        "node(s) had untolerated taint {\(taint.key): \(taint.value)}"
    }
}
