import Controllers
import FoundationEssentials
import Resources
import Store

/// The cluster as a waiter sees it: the controllers' cache when this process runs them, the store
/// otherwise.
public struct ClusterView {
    let getObject: (ObjectKey) -> Value?
    let listObjects: (GroupKind, String?) -> [Value]

    public func get(_ key: ObjectKey) -> Value? { getObject(key) }
    public func list(_ kind: GroupKind, namespace: String? = nil) -> [Value] { listObjects(kind, namespace) }

    /// The controllers' cache for the kinds they watch, the store for the rest.
    public static func cache(_ manager: ControllerManager, store: any ObjectStore) -> ClusterView {
        let stored = Self.store(store)
        return ClusterView(
            getObject: { key in manager.isCaching(key.groupKind) ? manager.cache.get(key) : stored.get(key) },
            listObjects: { kind, namespace in
                manager.isCaching(kind) ? manager.cache.list(kind, namespace: namespace) : stored.list(kind, namespace: namespace)
            })
    }

    public static func store(_ store: any ObjectStore) -> ClusterView {
        ClusterView(
            getObject: { key in try? store.get(key)?.value },
            listObjects: { kind, namespace in
                (try? store.list(group: kind.group, kind: kind.kind, namespace: namespace).items.map(\.value)) ?? []
            })
    }
}

/// Waits for the cluster to reach a state, running the controllers itself when it can: the
/// process that holds the controller lease drives the graph; any other waits on the store while
/// the holder does. When the holder goes away its lease expires and a waiter takes over.
public final class Convergence {
    public let store: any ObjectStore
    public let clock: any ControllerClock
    public let lease: LeaderLease
    /// How often a waiter that is not the holder reads the store.
    public var followerPollInterval = 0.2
    /// Reports reconcile errors of the controllers this process runs.
    public var errorHandler: ((String, ObjectKey, any Error) -> Void)?
    private var plane: Cluster?

    public init(store: any ObjectStore, clock: any ControllerClock = SystemClock(), identity: String = Convergence.processIdentity) {
        self.store = store
        self.clock = clock
        self.lease = LeaderLease(identity: identity)
    }

    /// `hostname-pid`: unique among the processes sharing a state folder.
    public static var processIdentity: String { "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)" }

    /// Runs (or waits on) the controllers until `isDone` holds (true) or `timeout` seconds pass
    /// (false). `tick` sees the cluster after each round, for progress output.
    public func wait(timeout: Double, until isDone: (ClusterView) throws -> Bool, tick: ((ClusterView) -> Void)? = nil) throws -> Bool {
        let deadline = clock.now().addingTimeInterval(timeout)
        defer { if plane != nil { try? lease.release(in: store) } }
        while true {
            let now = clock.now()
            if try lease.acquire(in: store, now: now) {
                let plane = try startedPlane(now: now)
                let lookup = ClusterView.cache(plane.manager, store: store)
                let renewAt = now.addingTimeInterval(lease.duration / 3)
                let done = try plane.manager.run(
                    until: {
                        tick?(lookup)
                        return try isDone(lookup) || clock.now() >= renewAt
                    }, deadline: min(deadline, renewAt))
                if done, try isDone(lookup) { return true }
                // Nothing left to do before the next renewal: wait for it rather than spin.
                let next = min(deadline, renewAt)
                if clock.now() < next { clock.sleep(until: next) }
            } else {
                let lookup = ClusterView.store(store)
                tick?(lookup)
                if try isDone(lookup) { return true }
                clock.sleep(until: min(deadline, now.addingTimeInterval(followerPollInterval)))
            }
            if clock.now() >= deadline { return false }
        }
    }

    private func startedPlane(now: Date) throws -> Cluster {
        if let plane { return plane }
        let started = try Cluster(store: store, clock: clock)
        try started.bootstrap(now: now)
        started.manager.errorHandler = errorHandler
        try started.manager.start()
        plane = started
        return started
    }
}
