/// Where a pod goes, or why it goes nowhere.
public enum ScheduleResult: Sendable, Hashable {
    case scheduled(node: String)
    case unschedulable(FitFailure)
}

/// Why no node could take a pod: each filter reason with the number of nodes that gave it.
public struct FitFailure: Sendable, Hashable, CustomStringConvertible {
    /// Reason → how many nodes gave it. A node rejected by NodeResourcesFit can give several
    /// ("Insufficient cpu" and "Insufficient memory"); other filters give one.
    public var reasons: [String: Int]
    /// How many nodes the snapshot held.
    public var nodeCount: Int

    public init(reasons: [String: Int], nodeCount: Int) {
        self.reasons = reasons
        self.nodeCount = nodeCount
    }

    /// Kubernetes' `FitError` text: `0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had
    /// untolerated taint {node.kubernetes.io/unreachable: }.`
    ///
    /// Kubernetes sorts the formatted "count reason" strings, so the order is by the text including the
    /// count ("10 …" before "2 …"), not by reason alone; this keeps that order so messages read the same.
    public var message: String {
        if nodeCount == 0 { return "no nodes available to schedule pods" }
        let parts = reasons.map { "\($0.value) \($0.key)" }.sorted()
        return "0/\(nodeCount) nodes are available: \(parts.joined(separator: ", "))."
    }

    public var description: String { message }
}
