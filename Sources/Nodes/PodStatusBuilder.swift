import FoundationEssentials
import Resources

/// Writes a pod's `status` from its container snapshots in Kubernetes' shape: phase, the conditions
/// Initialized / Ready / ContainersReady / PodScheduled, IPs, startTime and container statuses.
struct PodStatusBuilder {
    let pod: Value
    let timeline: PodTimeline
    let snapshots: [ContainerSnapshot]
    let existing: Value
    let now: Double
    var hostIP: String?
    var podIP: String?

    init(pod: Value, timeline: PodTimeline, snapshots: [ContainerSnapshot], existing: Value, now: Double) {
        self.pod = pod
        self.timeline = timeline
        self.snapshots = snapshots
        self.existing = existing
        self.now = now
    }

    static func scheduledCondition(at t: Double) -> Value {
        ["type": "PodScheduled", "status": "True", "lastProbeTime": .null, "lastTransitionTime": stamp(t)]
    }

    static func stamp(_ t: Double) -> Value { .string(Timestamp.rfc3339(Date(timeIntervalSince1970: t))) }

    var initSnapshots: [ContainerSnapshot] { snapshots.filter { $0.container.kind != .app } }
    var appSnapshots: [ContainerSnapshot] { snapshots.filter { $0.container.kind == .app } }

    func build() -> Value {
        let phase = self.phase()
        let terminal = phase == "Succeeded" || phase == "Failed"
        let latest = snapshots.compactMap(\.latestEvent).max() ?? timeline.accepted
        var status = existing
        status["phase"] = .string(phase)
        status["conditions"] = .array(conditions(terminal: terminal, latest: latest))
        if let hostIP {
            status["hostIP"] = .string(hostIP)
            status["hostIPs"] = [["ip": .string(hostIP)]]
        }
        if let podIP {
            status["podIP"] = .string(podIP)
            status["podIPs"] = [["ip": .string(podIP)]]
        }
        status["startTime"] = PodStatusBuilder.stamp(timeline.accepted)
        let terminalAt = terminal ? appSnapshots.compactMap(\.latestEvent).max() : nil
        if timeline.hasInitContainers {
            status["initContainerStatuses"] = .array(initSnapshots.map { containerStatus($0, stoppedAt: terminalAt) })
        }
        status["containerStatuses"] = .array(appSnapshots.map { containerStatus($0, stoppedAt: nil) })
        return status
    }

    /// Kubernetes' `getPhase`: Pending until init containers are done and every app container has
    /// started once; Succeeded / Failed when every app container has stopped for good; else Running.
    func phase() -> String {
        if now < timeline.initialized { return "Pending" }
        let apps = appSnapshots
        if apps.contains(where: \.neverStarted) { return "Pending" }
        let codes = apps.compactMap(\.terminatedExitCode)
        if !apps.isEmpty, codes.count == apps.count { return codes.allSatisfy { $0 == 0 } ? "Succeeded" : "Failed" }
        return "Running"
    }

    private func conditions(terminal: Bool, latest: Double) -> [Value] {
        let initialized = now >= timeline.initialized
        let pending = initSnapshots.filter { snap in
            snap.container.kind == .sidecar ? !snap.started : snap.terminatedExitCode == nil
        }.map(\.container.name)
        let unready = (initSnapshots.filter { $0.container.kind == .sidecar } + appSnapshots).filter { !$0.ready }.map(\.container.name)
        let ready = !terminal && unready.isEmpty
        let readyReason: String? = ready ? nil : (terminal ? "PodCompleted" : "ContainersNotReady")
        let readyMessage = ready || terminal ? nil : "containers with unready status: [\(unready.joined(separator: " "))]"
        var out: [Value] = [
            condition("Initialized", initialized, reason: initialized ? nil : "ContainersNotInitialized",
                message: initialized ? nil : "containers with incomplete status: [\(pending.joined(separator: " "))]",
                changedAt: initialized ? timeline.initialized : timeline.accepted),
            condition("Ready", ready, reason: readyReason, message: readyMessage, changedAt: latest),
            condition("ContainersReady", ready, reason: readyReason, message: readyMessage, changedAt: latest),
        ]
        out += PodSimulator.conditionList(existing).filter { c in
            !["Initialized", "Ready", "ContainersReady"].contains(c["type"]?.stringValue ?? "")
        }
        return out
    }

    /// A condition that keeps its `lastTransitionTime` while its status holds. On a change it takes
    /// `changedAt`, unless someone else (the node lifecycle controller marking pods not ready) wrote
    /// a later transition, in which case the change is stamped now.
    private func condition(_ type: String, _ isTrue: Bool, reason: String?, message: String?, changedAt: Double) -> Value {
        let statusText = isTrue ? "True" : "False"
        let old = PodSimulator.conditionList(existing).first { $0["type"]?.stringValue == type }
        var time = PodStatusBuilder.stamp(changedAt)
        if let old, old["status"]?.stringValue == statusText, let kept = old["lastTransitionTime"] {
            time = kept
        } else if let oldTime = old?["lastTransitionTime"]?.stringValue.flatMap(Timestamp.parse)?.timeIntervalSince1970,
            oldTime > changedAt
        {
            time = PodStatusBuilder.stamp(now)
        }
        var fields: Fields = ["type": .string(type), "status": .string(statusText), "lastProbeTime": .null, "lastTransitionTime": time]
        if let reason { fields["reason"] = .string(reason) }
        if let message { fields["message"] = .string(message) }
        return .object(fields)
    }
}
