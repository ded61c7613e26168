import FoundationEssentials
import Resources

/// What the node lifecycle controller has seen of each node's heartbeats (Kubernetes' nodeHealthMap):
/// the last lease `renewTime` and Ready `lastHeartbeatTime` it saw, and its own clock reading when
/// one of them last changed (the probe time). Health is judged from the probe time, never from the
/// heartbeat timestamps themselves, so a controller that starts after being down for minutes gives
/// every node a full grace period instead of finding all leases old and all nodes unreachable.
///
/// It lives only in the controller's memory: a fresh tracker is what a restarted controller has.
public struct NodeHealthTracker: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var probeTime: Date
        var renewTime: String?
        var readyHeartbeat: String?
    }

    private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// Records what the node and lease show now and returns the probe time. On first sight that is
    /// `now`, except for a node that never posted a Ready condition, which counts from its creation.
    public mutating func observe(node: Value, lease: Value?, now: Date) -> Date {
        let name = node[path: ["metadata", "name"]]?.stringValue ?? ""
        let renew = lease?[path: ["spec", "renewTime"]]?.stringValue
        let heartbeat = PodState.condition(node, "Ready")?["lastHeartbeatTime"]?.stringValue
        guard var entry = entries[name] else {
            let created = node[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamp.parse)
            let probe = PodState.condition(node, "Ready") == nil ? (created ?? now) : now
            entries[name] = Entry(probeTime: probe, renewTime: renew, readyHeartbeat: heartbeat)
            return probe
        }
        if renew != entry.renewTime || heartbeat != entry.readyHeartbeat {
            entry = Entry(probeTime: now, renewTime: renew, readyHeartbeat: heartbeat)
            entries[name] = entry
        }
        return entry.probeTime
    }

    /// Drops a deleted node.
    public mutating func forget(node name: String) { entries[name] = nil }

    public func probeTime(of name: String) -> Date? { entries[name]?.probeTime }
}
