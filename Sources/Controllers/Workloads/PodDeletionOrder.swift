import FoundationEssentials
import Glibc
import Resources

/// The order in which a ReplicaSet gives up pods when it has too many (Kubernetes'
/// `ActivePodsWithRanks` in controller_utils.go, with LogarithmicScaleDown and PodDeletionCost on,
/// their defaults). The first pods are those whose loss hurts least:
///   1. not yet on a node, before scheduled ones
///   2. Pending, then Unknown, then Running
///   3. not ready before ready
///   4. lower `controller.kubernetes.io/pod-deletion-cost` first
///   5. more pods of the same owner on the same node first (spreads what stays)
///   6. ready more recently first, in powers-of-two buckets of time ready: ready 10 s and 12 s
///      (1.0e10 and 1.2e10 ns) share bucket ⌊log2⌋ = 33, so the lower uid goes first, a random but
///      stable choice; ready 10 s and 40 s (buckets 33 and 35) go newest first
///   7. more container restarts first (app containers, then sidecars)
///   8. created more recently first, in the same buckets; an unset time first of all
public enum PodDeletionOrder {
    /// `pods` sorted most deletable first. `related` are the active pods of every ReplicaSet with
    /// the same owner (the ones counted per node for rule 5).
    public static func sorted(_ pods: [Value], related: [Value], now: Date) -> [Value] {
        var onNode: [String: Int] = [:]
        for pod in related where !PodState.isTerminal(pod) && !PodState.isTerminating(pod) {
            onNode[nodeName(pod), default: 0] += 1
        }
        let ranked = pods.enumerated().map { (index: $0.offset, pod: $0.element, rank: onNode[nodeName($0.element)] ?? 0) }
        return ranked.sorted { a, b in
            if let decided = precedes(a.pod, a.rank, b.pod, b.rank, now: now) { return decided }
            return a.index < b.index
        }.map(\.pod)
    }

    /// `getPodsToDelete`: the first `count` pods in deletion order.
    static func toDelete(_ pods: [Value], related: [Value], count: Int, now: Date) -> [Value] {
        guard count < pods.count else { return pods }
        return Array(sorted(pods, related: related, now: now).prefix(count))
    }

    /// Whether `a` goes before `b`; nil when the rules cannot tell them apart.
    static func precedes(_ a: Value, _ rankA: Int, _ b: Value, _ rankB: Int, now: Date) -> Bool? {
        let (nodeA, nodeB) = (nodeName(a), nodeName(b))
        if nodeA != nodeB && (nodeA.isEmpty || nodeB.isEmpty) { return nodeA.isEmpty }
        let (phaseA, phaseB) = (phaseOrdinal(a), phaseOrdinal(b))
        if phaseA != phaseB { return phaseA < phaseB }
        let (readyA, readyB) = (PodState.isReady(a), PodState.isReady(b))
        if readyA != readyB { return !readyA }
        let (costA, costB) = (deletionCost(a), deletionCost(b))
        if costA != costB { return costA < costB }
        if rankA != rankB { return rankA > rankB }
        if readyA && readyB, let decided = newerFirst(PodState.readySince(a), PodState.readySince(b), a, b, now: now) {
            return decided
        }
        let (restartsA, restartsB) = (restarts(a), restarts(b))
        if restartsA.regular != restartsB.regular { return restartsA.regular > restartsB.regular }
        if restartsA.sidecar != restartsB.sidecar { return restartsA.sidecar > restartsB.sidecar }
        return newerFirst(WorkloadFields.creationTime(a), WorkloadFields.creationTime(b), a, b, now: now)
    }

    /// Rules 6 and 8: an unset time first, then the more recent by log2 bucket of age, then by uid.
    private static func newerFirst(_ ta: Date?, _ tb: Date?, _ a: Value, _ b: Value, now: Date) -> Bool? {
        if ta == tb { return nil }
        guard let ta, let tb else { return ta == nil }
        let diff = bucket(ta, now) - bucket(tb, now)
        if diff == 0 { return (WorkloadFields.uid(a) ?? "") < (WorkloadFields.uid(b) ?? "") }
        return diff < 0
    }

    /// ⌊log2(age in nanoseconds)⌋, or −1 for a time not in the past.
    private static func bucket(_ time: Date, _ now: Date) -> Int {
        let nanos = now.timeIntervalSince(time) * 1e9
        return nanos >= 1 ? Int(log2(nanos).rounded(.down)) : -1
    }

    private static func nodeName(_ pod: Value) -> String { pod[path: ["spec", "nodeName"]]?.stringValue ?? "" }

    /// Pending 0, Unknown 1, Running 2; any other phase reads as 0, as a missing key of Go's map does.
    private static func phaseOrdinal(_ pod: Value) -> Int {
        switch PodState.phase(pod) {
        case "Unknown": return 1
        case "Running": return 2
        default: return 0
        }
    }

    private static func deletionCost(_ pod: Value) -> Int32 {
        WorkloadFields.annotation(pod, WorkloadKeys.deletionCost).flatMap { Int32($0) } ?? 0
    }

    /// The most restarts of any app container, and of any sidecar (an init container that always restarts).
    private static func restarts(_ pod: Value) -> (regular: Int64, sidecar: Int64) {
        let regular = (pod[path: ["status", "containerStatuses"]]?.arrayValue ?? [])
            .map { WorkloadFields.int($0["restartCount"]) ?? 0 }.max() ?? 0
        let sidecars = Set(
            (pod[path: ["spec", "initContainers"]]?.arrayValue ?? [])
                .filter { $0["restartPolicy"]?.stringValue == "Always" }.compactMap { $0["name"]?.stringValue })
        let sidecar = (pod[path: ["status", "initContainerStatuses"]]?.arrayValue ?? [])
            .filter { sidecars.contains($0["name"]?.stringValue ?? "") }
            .map { WorkloadFields.int($0["restartCount"]) ?? 0 }.max() ?? 0
        return (regular, sidecar)
    }
}
