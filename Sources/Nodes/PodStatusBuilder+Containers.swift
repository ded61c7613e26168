import FoundationEssentials
import Resources

/// Container statuses as the kubelet writes them.
extension PodStatusBuilder {
    /// `stoppedAt` is set for sidecars of a pod that has ended: the kubelet stops them after the app
    /// containers, so they show as terminated (exit 0) from then on.
    func containerStatus(_ snap: ContainerSnapshot, stoppedAt: Double?) -> Value {
        var state = snap.state
        var ready = snap.ready
        var started = snap.started
        if let stoppedAt, snap.container.kind == .sidecar, case .running(let since) = state {
            state = .terminated(exitCode: 0, reason: "Completed", started: since, finished: stoppedAt)
        }
        if case .terminated = state {
            ready = false
            started = false
        }
        var fields: Fields = [
            "name": .string(snap.container.name),
            "state": stateValue(state),
            "lastState": snap.lastState.map(stateValue) ?? .emptyObject,
            "ready": .bool(ready),
            "restartCount": .int(Int64(snap.restartCount)),
            "image": .string(snap.container.image),
            "imageID": .string(snap.neverStarted ? "" : snap.container.image),
            "started": .bool(started),
        ]
        if !snap.neverStarted { fields["containerID"] = .string(containerID(snap)) }
        return .object(fields)
    }

    private func stateValue(_ state: ContainerSnapshot.State) -> Value {
        switch state {
        case .waiting(let reason, let message):
            var waiting: Fields = ["reason": .string(reason)]
            if let message { waiting["message"] = .string(message) }
            return ["waiting": .object(waiting)]
        case .running(let since):
            return ["running": ["startedAt": PodStatusBuilder.stamp(since)]]
        case .terminated(let code, let reason, let started, let finished):
            return [
                "terminated": [
                    "exitCode": .int(code), "reason": .string(reason),
                    "startedAt": PodStatusBuilder.stamp(started), "finishedAt": PodStatusBuilder.stamp(finished),
                ]
            ]
        }
    }

    /// `sim://` + a stable hash of pod, container and run, so each restart shows a new container.
    private func containerID(_ snap: ContainerSnapshot) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(PodIPAllocator.key(pod))/\(snap.container.name)/\(snap.restartCount)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "sim://" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
