import FoundationEssentials
import Resources
import Store

/// The lease that decides which process runs the controllers, as Kubernetes' leader election
/// does: a `coordination.k8s.io/v1` Lease whose holder renews it; another process takes it only
/// once it has expired. Writes carry the resourceVersion read, so two candidates cannot both win.
public struct LeaderLease: Sendable {
    public static let namespace = "kube-system"
    public static let name = "berth-controller-manager"

    public var identity: String
    public var duration: Double

    public init(identity: String, duration: Double = 15) {
        self.identity = identity
        self.duration = duration
    }

    static var key: ObjectKey {
        ObjectKey(group: "coordination.k8s.io", kind: "Lease", namespace: namespace, name: name)
    }

    /// Who holds the lease now, if anyone holds an unexpired one.
    public static func holder(in store: any ObjectStore, now: Date) throws -> String? {
        guard let lease = try store.get(key)?.value else { return nil }
        return activeHolder(lease, now: now)
    }

    static func activeHolder(_ lease: Value, now: Date) -> String? {
        guard let holder = lease[path: ["spec", "holderIdentity"]]?.stringValue, !holder.isEmpty,
            let renew = lease[path: ["spec", "renewTime"]]?.stringValue.flatMap(Timestamp.parse),
            let seconds = lease[path: ["spec", "leaseDurationSeconds"]]?.intValue
        else { return nil }
        return renew.addingTimeInterval(Double(seconds)) > now ? holder : nil
    }

    /// Takes or renews the lease; false when another holder's lease is still valid.
    public func acquire(in store: any ObjectStore, now: Date) throws -> Bool {
        do {
            return try store.write { tx in
                let current = try tx.get(Self.key)
                if let current, let holder = Self.activeHolder(current.value, now: now), holder != identity {
                    return false
                }
                var lease = current?.value ?? [
                    "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                    "metadata": ["name": .string(Self.name), "namespace": .string(Self.namespace)],
                ]
                let previousHolder = current?.value[path: ["spec", "holderIdentity"]]?.stringValue
                let stamp = Value.string(Timestamp.rfc3339(now))
                lease[path: ["spec", "holderIdentity"]] = .string(identity)
                lease[path: ["spec", "leaseDurationSeconds"]] = .int(Int64(duration.rounded(.up)))
                lease[path: ["spec", "renewTime"]] = stamp
                if previousHolder != identity {
                    lease[path: ["spec", "acquireTime"]] = stamp
                    let transitions = current?.value[path: ["spec", "leaseTransitions"]]?.intValue ?? -1
                    lease[path: ["spec", "leaseTransitions"]] = .int(transitions + 1)
                }
                if let current {
                    try tx.update(lease, expectedResourceVersion: current.resourceVersion)
                } else {
                    try tx.create(lease)
                }
                return true
            }
        } catch StoreError.conflict, StoreError.alreadyExists {
            return false  // another candidate wrote first
        }
    }

    /// Gives the lease up at once (on a clean exit), so the next process need not wait it out.
    public func release(in store: any ObjectStore) throws {
        try store.write { tx in
            guard let current = try tx.get(Self.key),
                current.value[path: ["spec", "holderIdentity"]]?.stringValue == identity
            else { return }
            var lease = current.value
            lease[path: ["spec", "holderIdentity"]] = ""
            try tx.update(lease, expectedResourceVersion: current.resourceVersion)
        }
    }
}
