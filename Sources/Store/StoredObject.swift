import Resources

/// An object as the store holds it: its key, its full value (server fields included) and the
/// revision of its last modification.
public struct StoredObject: Sendable, Hashable {
    public var key: ObjectKey
    public var value: Value
    public var resourceVersion: Int64

    public init(key: ObjectKey, value: Value, resourceVersion: Int64) {
        self.key = key
        self.value = value
        self.resourceVersion = resourceVersion
    }
}

/// The objects of one list call and the store revision they were read at, so that a watcher can
/// relist and then follow `changes(after: revision)` without a gap.
public struct ObjectList: Sendable, Hashable {
    public var revision: Int64
    public var items: [StoredObject]

    public init(revision: Int64, items: [StoredObject]) {
        self.revision = revision
        self.items = items
    }
}

/// What happened to an object, named as a Kubernetes watch names it.
public enum EventType: String, Sendable, Hashable, CaseIterable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
}

/// One entry of the change log.
public struct WatchEvent: Sendable, Hashable {
    public var revision: Int64
    public var type: EventType
    public var key: ObjectKey
    /// The object after the change; for `.deleted` its last state, with `metadata.resourceVersion`
    /// set to the deletion's revision (as a Kubernetes watch reports it).
    public var object: Value

    public init(revision: Int64, type: EventType, key: ObjectKey, object: Value) {
        self.revision = revision
        self.type = type
        self.key = key
        self.object = object
    }
}
