import FoundationEssentials
import Resources
import Store

/// What a reconcile asks of the runtime when it returns normally.
public enum ReconcileResult: Sendable, Equatable {
    /// Done: forget the key's failures until something changes.
    case done
    /// Look at the key again after this many seconds (a deadline to check, a delay to wait out).
    case requeue(after: Double)
}

/// An error that retrying cannot fix (controller-runtime's TerminalError): logged, not retried.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A change to one object, as a watch delivers it.
public struct ObjectEvent: Sendable {
    public enum Kind: String, Sendable { case added, modified, deleted }
    public var kind: Kind
    public var key: ObjectKey
    /// The new state, or the last state for a delete.
    public var object: Value
    /// The state before the change, when the cache held one (what an update changed from).
    public var previous: Value? = nil
}

/// What a controller watches, and which of its keys a change to such an object wakes.
public struct Watch: Sendable {
    public var kind: GroupKind
    /// How the graph prints the relation: "itself", "owner", "all" …
    public var relation: String
    public var keys: @Sendable (ObjectEvent, ObjectCache) -> [ObjectKey]

    public init(_ kind: GroupKind, relation: String, keys: @escaping @Sendable (ObjectEvent, ObjectCache) -> [ObjectKey]) {
        self.kind = kind
        self.relation = relation
        self.keys = keys
    }

    /// A change to an object of the controller's own kind reconciles that object.
    public static func itself(_ kind: GroupKind) -> Watch {
        Watch(kind, relation: "itself") { event, _ in [event.key] }
    }

    /// A change to a dependent reconciles its controller owner of `ownerKind`.
    public static func owner(_ kind: GroupKind, ownerKind: GroupKind) -> Watch {
        Watch(kind, relation: "owner") { event, _ in
            let refs = event.object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
            return refs.compactMap { ref -> ObjectKey? in
                guard ref["controller"]?.boolValue == true, ref["kind"]?.stringValue == ownerKind.kind,
                    let name = ref["name"]?.stringValue
                else { return nil }
                return ObjectKey(group: ownerKind.group, kind: ownerKind.kind, namespace: event.key.namespace, name: name)
            }
        }
    }

    /// Any change to an object of `kind` reconciles one fixed key (a controller that works on the
    /// whole cluster at once, like the scheduler).
    public static func singleton(_ kind: GroupKind, key: ObjectKey) -> Watch {
        Watch(kind, relation: "all") { _, _ in [key] }
    }
}

/// A controller: level-triggered, its reconcile reads the current state and moves it one step
/// toward the desired state; safe to run any number of times.
public protocol Controller: AnyObject {
    var name: String { get }
    var watches: [Watch] { get }
    /// The kinds it writes, for the printed graph.
    var writes: [String] { get }
    func reconcile(_ key: ObjectKey, context: ControllerContext) throws -> ReconcileResult
}

/// What a reconcile may use: the cache to read, the store to write, the time.
public final class ControllerContext {
    unowned let manager: ControllerManager

    init(manager: ControllerManager) { self.manager = manager }

    public var cache: ObjectCache { manager.cache }
    public var now: Date { manager.clock.now() }

    /// One store transaction; the cache sees its writes as soon as it returns.
    @discardableResult
    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        let result = try manager.store.write(body)
        try manager.pullChanges()
        return result
    }
}
