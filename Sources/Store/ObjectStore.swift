import Resources

/// A versioned object store with etcd's semantics: one global revision bumped once per writing
/// transaction, optimistic concurrency by resourceVersion, and an ordered change log for watchers.
///
/// `SQLiteStore` is the embedded implementation; an etcd backend can implement the same protocol.
public protocol ObjectStore: Sendable {
    /// The revision of the last transaction that wrote an object.
    func revision() throws -> Int64

    func get(_ key: ObjectKey) throws -> StoredObject?

    /// The objects of one kind, sorted by namespace then name; `namespace: nil` lists all namespaces.
    func list(group: String, kind: String, namespace: String?) throws -> ObjectList

    /// Every kind that has at least one stored object, as (group, kind), sorted.
    func kinds() throws -> [(group: String, kind: String)]

    /// Runs `body` as one atomic transaction: every write commits together, or, when `body`
    /// throws, none does and the error is rethrown. Use only the transaction inside `body`: calling
    /// the store itself there would wait on the transaction's own lock.
    @discardableResult
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T

    /// The changes after `revision` in order. `limit` caps the number of events but never splits a
    /// revision, so a reader can resume after the last event's revision without missing any.
    func changes(after revision: Int64, limit: Int?) throws -> [WatchEvent]

    /// Drops the change log up to and including `revision` (clamped to the current revision).
    func compact(through revision: Int64) throws

    func inventory(source: String) throws -> [InventoryEntry]

    /// Sync records, newest first, optionally of one source and capped at `limit`.
    func history(source: String?, limit: Int?) throws -> [SyncRecord]
}

extension ObjectStore {
    public func list(group: String, kind: String) throws -> ObjectList {
        try list(group: group, kind: kind, namespace: nil)
    }

    public func changes(after revision: Int64) throws -> [WatchEvent] {
        try changes(after: revision, limit: nil)
    }

    public func history(source: String? = nil) throws -> [SyncRecord] {
        try history(source: source, limit: nil)
    }
}

/// The writes of one `ObjectStore.write` call; valid only inside that call's body.
///
/// Reads see the transaction's own earlier writes. Server fields (`uid`, `creationTimestamp`,
/// `resourceVersion`, `generation`) are set by the store; incoming values for them are ignored.
public protocol StoreTransaction: AnyObject {
    /// The revision this transaction's object writes carry; the store reaches it on commit if at
    /// least one object is written.
    var revision: Int64 { get }

    func get(_ key: ObjectKey) throws -> StoredObject?

    func list(group: String, kind: String, namespace: String?) throws -> [StoredObject]

    /// Stores a new object; `alreadyExists` when its key is taken.
    @discardableResult
    func create(_ value: Value) throws -> StoredObject

    /// Stores new objects in order, each as `create` would; `alreadyExists` when a key is taken
    /// (or given twice).
    @discardableResult
    func create(_ values: [Value]) throws -> [StoredObject]

    /// Replaces an object; `notFound` when missing, `conflict` when `expectedResourceVersion` is
    /// given and stale. An update that changes nothing writes nothing and returns the stored object.
    @discardableResult
    func update(_ value: Value, expectedResourceVersion: Int64?) throws -> StoredObject

    /// Removes an object and returns its last state; `notFound` or `conflict` as for update.
    @discardableResult
    func delete(_ key: ObjectKey, expectedResourceVersion: Int64?) throws -> StoredObject

    func inventory(source: String) throws -> [InventoryEntry]

    /// Makes `entries` the whole inventory of `source`.
    func replaceInventory(source: String, entries: [InventoryEntry]) throws

    /// Writes (adds or replaces) `upserts` in the inventory of `source` and removes `removals`.
    func updateInventory(source: String, upserts: [InventoryEntry], removals: [ObjectKey]) throws

    /// Records what this apply read from git for `source`; its store revision is set at commit.
    func writeSnapshot(source: String, _ update: SourceSnapshotUpdate) throws

    /// Sets the health a recorded sync reached.
    func recordHealth(_ health: String, ofSync id: Int64) throws

    /// Appends a sync record and returns its id; its `storeRevision` is set at commit.
    @discardableResult
    func appendHistory(_ record: SyncRecord) throws -> Int64
}

extension StoreTransaction {
    public func list(group: String, kind: String) throws -> [StoredObject] {
        try list(group: group, kind: kind, namespace: nil)
    }

    @discardableResult
    public func update(_ value: Value) throws -> StoredObject {
        try update(value, expectedResourceVersion: nil)
    }

    @discardableResult
    public func delete(_ key: ObjectKey) throws -> StoredObject {
        try delete(key, expectedResourceVersion: nil)
    }
}
