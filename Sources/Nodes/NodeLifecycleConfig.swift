import FoundationEssentials

/// Durations of the node lifecycle controller, Kubernetes' defaults unless told otherwise; all can
/// be shortened so tests and demos run in seconds.
public struct NodeLifecycleConfig: Sendable, Hashable {
    /// How often a node is looked at even without a change (`--node-monitor-period`, 5 s): the
    /// controller polls leases this often, so it needs no lease watch.
    public let monitorPeriod: TimeInterval
    /// Time without a heartbeat before Ready turns Unknown (`--node-monitor-grace-period`, 50 s).
    public let gracePeriod: TimeInterval
    /// The same for a node that never reported Ready, counted from its creation (60 s).
    public let startupGracePeriod: TimeInterval

    public init(monitorPeriod: TimeInterval = 5, gracePeriod: TimeInterval = 50, startupGracePeriod: TimeInterval = 60) throws(NodeLifecycleConfigError) {
        for (field, value) in [("monitorPeriod", monitorPeriod), ("gracePeriod", gracePeriod), ("startupGracePeriod", startupGracePeriod)] {
            guard value.isFinite, value > 0 else { throw NodeLifecycleConfigError(field: field, value: value) }
        }
        self.monitorPeriod = monitorPeriod
        self.gracePeriod = gracePeriod
        self.startupGracePeriod = startupGracePeriod
    }

    public static var standard: NodeLifecycleConfig { try! NodeLifecycleConfig() }
}

/// A node lifecycle duration that is not a positive number of seconds.
public struct NodeLifecycleConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var value: Double
    public var description: String { "invalid node lifecycle \(field) \(value): must be more than 0 seconds" }
}
