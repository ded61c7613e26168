import FoundationEssentials
import Resources

/// What one simulator step decided for a pod: the new `status` (nil when nothing changed) and when
/// the pod next changes by itself (nil when it never will, e.g. it runs forever or has ended).
public struct PodStep: Sendable, Equatable {
    public var status: Value?
    public var nextWake: Date?

    public init(status: Value?, nextWake: Date?) {
        self.status = status
        self.nextWake = nextWake
    }

    public static let idle = PodStep(status: nil, nextWake: nil)
}

/// A simulated kubelet for one pod: drives a bound pod's `status` through Pending → init containers →
/// Running → Ready as a kubelet would report it, with the delays of `PodLifecycleTimings`, the
/// pod's own probe timings, and the failures its annotations ask for.
///
/// The status at any instant is a function of the pod, the moment the kubelet accepted it
/// (`status.startTime`) and `now`, so a step is safe to repeat and a late step jumps straight to
/// where the pod would be. A condition that changes keeps the time of the latest event the step
/// passed as its `lastTransitionTime` (exact when steps run at `nextWake`).
public enum PodSimulator {
    public static func step(
        pod: Value, node: Value, addresses: inout PodIPAllocator, timings: PodLifecycleTimings, now: Date
    ) -> PodStep {
        guard !SimulationAnnotations.isFailed(node: node),
            let nodeName = node[path: ["metadata", "name"]]?.stringValue,
            pod[path: ["spec", "nodeName"]]?.stringValue == nodeName,
            !PodState.isTerminal(pod), !PodState.isTerminating(pod)
        else { return .idle }
        let existing = pod["status"] ?? .emptyObject
        let t = now.timeIntervalSince1970
        let scheduled = PodState.condition(pod, "PodScheduled")
        let boundAt = scheduled?["lastTransitionTime"]?.stringValue.flatMap(Timestamp.parse)?.timeIntervalSince1970 ?? t
        let accepted = existing["startTime"]?.stringValue.flatMap(Timestamp.parse)?.timeIntervalSince1970 ?? boundAt + timings.accept
        var status = existing
        if scheduled == nil {
            status["conditions"] = .array(conditionList(existing) + [PodStatusBuilder.scheduledCondition(at: t)])
        }
        guard t >= accepted else {
            status["phase"] = "Pending"
            return PodStep(status: status == existing ? Value?.none : status, nextWake: Date(timeIntervalSince1970: accepted))
        }
        let timeline = PodTimeline(pod: pod, accepted: accepted, timings: timings)
        let podName = "\(pod[path: ["metadata", "name"]]?.stringValue ?? "")_\(pod[path: ["metadata", "namespace"]]?.stringValue ?? "")"
            + "(\(pod[path: ["metadata", "uid"]]?.stringValue ?? ""))"
        let snapshots = timeline.containers.map { ContainerSnapshot.at(t, $0, timeline: timeline, podName: podName) }
        var builder = PodStatusBuilder(pod: pod, timeline: timeline, snapshots: snapshots, existing: status, now: t)
        builder.hostIP = node[path: ["status", "addresses"]]?.arrayValue?
            .first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue
        builder.podIP = pod[path: ["spec", "hostNetwork"]]?.boolValue == true ? builder.hostIP : addresses.address(for: pod)
        let built = builder.build()
        let next = snapshots.compactMap(\.nextEvent).filter { $0 > t }.min()
        let isTerminal = built["phase"]?.stringValue == "Succeeded" || built["phase"]?.stringValue == "Failed"
        return PodStep(
            status: built == existing ? Value?.none : built,
            nextWake: isTerminal ? nil : next.map(Date.init(timeIntervalSince1970:)))
    }

    static func conditionList(_ status: Value) -> [Value] { status["conditions"]?.arrayValue ?? [] }
}
