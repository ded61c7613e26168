import Resources

/// A kind as the cache files it: API group and kind.
public struct GroupKind: Hashable, Sendable, CustomStringConvertible {
    public var group: String
    public var kind: String

    public init(_ group: String, _ kind: String) {
        self.group = group
        self.kind = kind
    }

    public static let pod = GroupKind("", "Pod")
    public static let node = GroupKind("", "Node")
    public static let service = GroupKind("", "Service")
    public static let endpoints = GroupKind("", "Endpoints")
    public static let namespace = GroupKind("", "Namespace")
    public static let deployment = GroupKind("apps", "Deployment")
    public static let replicaSet = GroupKind("apps", "ReplicaSet")
    public static let lease = GroupKind("coordination.k8s.io", "Lease")

    public var description: String { group.isEmpty ? kind : "\(kind).\(group)" }
}

extension ObjectKey {
    public var groupKind: GroupKind { GroupKind(group, kind) }
}

/// The informer's in-memory copy of the store, kept current from the change log, with the indexes
/// controllers look things up by (dependents of an owner, pods on a node). Controllers read here,
/// never from the database, and write through the store.
public struct ObjectCache: Sendable {
    private var objects: [GroupKind: [ObjectKey: Value]] = [:]
    // The indexes keep their keys sorted, so lookups answer in a stable order without sorting.
    private var dependents: [String: SortedKeys] = [:]
    private var podsByNode: [String: SortedKeys] = [:]
    private var orphans: [GroupKind: [String: SortedKeys]] = [:]

    public init() {}

    public func get(_ key: ObjectKey) -> Value? { objects[key.groupKind]?[key] }

    /// Every cached object of a kind, optionally in one namespace, sorted by namespace and name.
    public func list(_ kind: GroupKind, namespace: String? = nil) -> [Value] {
        guard let all = objects[kind] else { return [] }
        let keys = all.keys.filter { namespace == nil || $0.namespace == namespace }.sorted()
        return keys.map { all[$0]! }
    }

    /// Every cached object of a kind, in no particular order (no sort: for passes over everything).
    public func values(_ kind: GroupKind) -> Dictionary<ObjectKey, Value>.Values? { objects[kind]?.values }

    public func count(_ kind: GroupKind) -> Int { objects[kind]?.count ?? 0 }

    /// The objects whose ownerReferences name `uid`, sorted by key.
    public func dependents(ofUID uid: String) -> [Value] {
        (dependents[uid]?.keys ?? []).compactMap(get)
    }

    /// The pods bound to a node, sorted by key.
    public func pods(onNode node: String) -> [Value] {
        (podsByNode[node]?.keys ?? []).compactMap(get)
    }

    /// The objects of a kind in a namespace that no controller owns (candidates for adoption),
    /// sorted by key.
    public func orphans(_ kind: GroupKind, namespace: String) -> [Value] {
        (orphans[kind]?[namespace]?.keys ?? []).compactMap(get)
    }

    /// Every kind the cache holds.
    public var kinds: [GroupKind] { Array(objects.keys) }

    public mutating func put(_ value: Value) {
        guard let key = value.objectKey else { return }
        let entry = IndexEntry(key, value)
        if let old = objects[key.groupKind, default: [:]].updateValue(value, forKey: key) {
            let oldEntry = IndexEntry(key, old)
            if oldEntry == entry { return }  // most writes are status: the indexes stay as they are
            unindex(key, oldEntry)
        }
        index(key, entry)
    }

    public mutating func remove(_ key: ObjectKey) {
        guard let old = objects[key.groupKind]?.removeValue(forKey: key) else { return }
        unindex(key, IndexEntry(key, old))
    }

    /// What the indexes file an object under.
    private struct IndexEntry: Equatable {
        var owners: [String]
        var node: String?

        init(_ key: ObjectKey, _ value: Value) {
            owners = ObjectCache.ownerUIDs(value)
            node = key.groupKind == .pod ? value[path: ["spec", "nodeName"]]?.stringValue : nil
        }
    }

    private mutating func index(_ key: ObjectKey, _ entry: IndexEntry) {
        for uid in entry.owners { dependents[uid, default: SortedKeys()].insert(key) }
        if entry.owners.isEmpty { orphans[key.groupKind, default: [:]][key.namespace, default: SortedKeys()].insert(key) }
        if let node = entry.node { podsByNode[node, default: SortedKeys()].insert(key) }
    }

    private mutating func unindex(_ key: ObjectKey, _ entry: IndexEntry) {
        for uid in entry.owners {
            dependents[uid]?.remove(key)
            if dependents[uid]?.isEmpty == true { dependents[uid] = nil }
        }
        if entry.owners.isEmpty { orphans[key.groupKind]?[key.namespace]?.remove(key) }
        if let node = entry.node { podsByNode[node]?.remove(key) }
    }

    static func ownerUIDs(_ value: Value) -> [String] {
        (value[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).compactMap { $0["uid"]?.stringValue }
    }
}
