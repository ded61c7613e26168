import FoundationEssentials
import Resources

/// The four conditions a healthy kubelet reports, with its reasons and messages, in the order
/// `kubectl describe node` shows them.
enum NodeConditions {
    struct Healthy {
        let type: String
        let status: String
        let reason: String
        let message: String
    }

    static let healthy: [Healthy] = [
        Healthy(type: "MemoryPressure", status: "False", reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available"),
        Healthy(type: "DiskPressure", status: "False", reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure"),
        Healthy(type: "PIDPressure", status: "False", reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available"),
        Healthy(type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status"),
    ]

    static var types: [String] { healthy.map(\.type) }

    /// The healthy conditions, each keeping its `lastTransitionTime` when its status did not
    /// change from `existing`, with `lastHeartbeatTime` = now.
    static func healthyConditions(existing: [Value], now: Date) -> [Value] {
        let stamp = Value.string(Timestamp.rfc3339(now))
        return healthy.map { template in
            let old = existing.first { $0["type"]?.stringValue == template.type }
            let unchanged = old?["status"]?.stringValue == template.status
            return [
                "type": .string(template.type), "status": .string(template.status),
                "lastHeartbeatTime": stamp,
                "lastTransitionTime": unchanged ? (old?["lastTransitionTime"] ?? stamp) : stamp,
                "reason": .string(template.reason), "message": .string(template.message),
            ]
        }
    }

    /// True when every condition the kubelet owns has the status it would report.
    static func areHealthy(_ conditions: [Value]) -> Bool {
        healthy.allSatisfy { template in
            conditions.contains { $0["type"]?.stringValue == template.type && $0["status"]?.stringValue == template.status }
        }
    }
}
