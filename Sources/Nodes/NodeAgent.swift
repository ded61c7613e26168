import FoundationEssentials
import Resources

/// How often a simulated kubelet reports in.
public struct HeartbeatConfig: Sendable, Hashable {
    /// Lease renewal: every 10 s, a quarter of the lease's 40 s, as the kubelet does.
    public let leaseRenewInterval: TimeInterval
    /// Full status report while nothing changes: 5 minutes, the kubelet's `nodeStatusReportFrequency`.
    /// Since node leases exist the lease is the heartbeat; status is posted at once when it changes
    /// (for example when the node lifecycle controller set it Unknown) and otherwise this seldom.
    public let statusReportInterval: TimeInterval

    public init(leaseRenewInterval: TimeInterval = 10, statusReportInterval: TimeInterval = 300) throws(HeartbeatConfigError) {
        guard leaseRenewInterval.isFinite, leaseRenewInterval > 0 else { throw HeartbeatConfigError(field: "leaseRenewInterval", value: leaseRenewInterval) }
        guard statusReportInterval.isFinite, statusReportInterval > 0 else {
            throw HeartbeatConfigError(field: "statusReportInterval", value: statusReportInterval)
        }
        self.leaseRenewInterval = leaseRenewInterval
        self.statusReportInterval = statusReportInterval
    }

    public static var standard: HeartbeatConfig { try! HeartbeatConfig() }
}

/// A heartbeat interval that is not a positive number of seconds.
public struct HeartbeatConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var value: Double
    public var description: String { "invalid heartbeat \(field) \(value): must be more than 0 seconds" }
}

/// What one heartbeat writes: a renewed lease, a new node `status`, either nil when not due, and when
/// the next one is due (nil for a failed node, which has stopped).
public struct Heartbeat: Sendable, Equatable {
    public var lease: Value?
    public var nodeStatus: Value?
    public var nextWake: Date?
}

/// The node side of a simulated kubelet: keeps its Lease and its Ready conditions fresh.
public enum NodeAgent {
    /// `lease` nil means none exists yet; the returned lease is then a new one in `kube-node-lease`.
    public static func heartbeat(node: Value, lease: Value?, now: Date, config: HeartbeatConfig = .standard) -> Heartbeat {
        guard !SimulationAnnotations.isFailed(node: node), let name = node[path: ["metadata", "name"]]?.stringValue else {
            return Heartbeat(lease: nil, nodeStatus: nil, nextWake: nil)
        }
        var out = Heartbeat(lease: nil, nodeStatus: nil, nextWake: nil)
        let renewed = lease?[path: ["spec", "renewTime"]]?.stringValue.flatMap(Timestamp.parse)
        var nextLease = renewed.map { $0.addingTimeInterval(config.leaseRenewInterval) } ?? now
        if nextLease <= now {
            out.lease = renewedLease(lease, name: name, now: now)
            nextLease = now.addingTimeInterval(config.leaseRenewInterval)
        }
        let conditions = node[path: ["status", "conditions"]]?.arrayValue ?? []
        let ready = conditions.first { $0["type"]?.stringValue == "Ready" }
        let reported = ready?["lastHeartbeatTime"]?.stringValue.flatMap(Timestamp.parse)
        var nextStatus = reported.map { $0.addingTimeInterval(config.statusReportInterval) } ?? now
        if !NodeConditions.areHealthy(conditions) || nextStatus <= now {
            var status = node["status"] ?? .emptyObject
            status["conditions"] = .array(NodeConditions.healthyConditions(existing: conditions, now: now))
            out.nodeStatus = status
            nextStatus = now.addingTimeInterval(config.statusReportInterval)
        }
        out.nextWake = min(nextLease, nextStatus)
        return out
    }

    private static func renewedLease(_ lease: Value?, name: String, now: Date) -> Value {
        var lease = lease ?? [
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": ["name": .string(name), "namespace": .string(ClusterProfile.leaseNamespace)],
            "spec": .emptyObject,
        ]
        lease[path: ["spec", "holderIdentity"]] = .string(name)
        lease[path: ["spec", "leaseDurationSeconds"]] = .int(ClusterProfile.leaseDurationSeconds)
        lease[path: ["spec", "renewTime"]] = .string(MicroTime.format(now))
        return lease
    }
}
