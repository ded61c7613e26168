import FoundationEssentials
import Resources

/// The SQLite store's transaction: runs between BEGIN IMMEDIATE and COMMIT on the store's
/// connection, which the store's lock holds for the whole body.
final class SQLiteTransaction: StoreTransaction {
    let connection: SQLiteConnection
    private let recent: RecentWrites?
    private let clock: @Sendable () -> Date
    /// The store revision when the transaction began; no other writer can move it meanwhile.
    let baseRevision: Int64
    var firstHistoryID: Int64?
    /// Sources whose snapshot this transaction wrote: their store revision is set at commit.
    var snapshotSources: [String] = []
    private var timestamp: String?
    private var active = true
    /// The changes logged so far, for the store's `RecentWrites` once committed.
    private(set) var changes: [RecentWrites.Change] = []

    /// `recent`: what the store wrote before, read instead of parsing the rows it still matches.
    init(connection: SQLiteConnection, recent: RecentWrites? = nil, clock: @escaping @Sendable () -> Date) throws {
        self.connection = connection
        self.recent = recent
        self.clock = clock
        self.baseRevision = try SQLiteStore.readRevision(connection)
    }

    var revision: Int64 { baseRevision + 1 }

    static let defaultNamespaceKey = ObjectKey(group: "", kind: "Namespace", namespace: "", name: "default")

    func ensureActive() throws {
        guard active else { throw StoreError.transactionFinished }
    }

    func get(_ key: ObjectKey) throws -> StoredObject? {
        try ensureActive()
        return try ObjectRows.get(key, in: connection, recent: recent)
    }

    func list(group: String, kind: String, namespace: String?) throws -> [StoredObject] {
        try ensureActive()
        return try ObjectRows.list(group: group, kind: kind, namespace: namespace, in: connection)
    }

    @discardableResult
    func create(_ value: Value) throws -> StoredObject {
        try create([value])[0]
    }

    /// Creates the objects in order, each as `create` does. They are stamped and encoded as JSON on
    /// all cores, a chunk ahead of the rows being inserted (for thousands of objects, the JSON is
    /// most of the work).
    @discardableResult
    func create(_ values: [Value]) throws -> [StoredObject] {
        try ensureActive()
        let keys = try values.map { try ServerFields.key(of: $0) }
        let (timestamp, revision) = (now(), revision)
        let uids = ServerFields.uids(values.count)
        var created: [StoredObject] = []
        created.reserveCapacity(values.count)
        // The rows of one chunk are written while the next chunk is stamped and encoded.
        try pipelined(count: values.count, chunk: 256) { range in
            Array(range).concurrentMap(minimumSlice: 64) { i in
                let stamped = ServerFields.stampCreate(values[i], uid: uids[i], timestamp: timestamp, revision: revision)
                return (stamped, stamped.jsonString())
            }
        } consume: { range, written in
            for (key, (stamped, body)) in zip(keys[range], written) {
                // A key taken already (or earlier in `values`) inserts nothing and returns no row.
                let inserted = try connection.queryOne(
                    "INSERT INTO objects (api_group, kind, namespace, name, resource_version, body) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING RETURNING 1",
                    ObjectRows.bindings(key) + [.int(revision), .text(body)]) { _ in true }
                guard inserted != nil else { throw StoreError.alreadyExists(key) }
                try appendChange(.added, key, stamped, body)
                created.append(StoredObject(key: key, value: stamped, resourceVersion: revision))
            }
        }
        return created
    }

    @discardableResult
    func update(_ value: Value, expectedResourceVersion: Int64?) throws -> StoredObject {
        try ensureActive()
        let key = try ServerFields.key(of: value)
        let existing = try current(key, expected: expectedResourceVersion)
        let stamped = ServerFields.stampUpdate(value, existing: existing.value, revision: revision)
        // Like the Kubernetes API server, a write that changes nothing is not a write: no new
        // revision, no event, so controllers that re-save the same status do not wake each other.
        if stamped == ServerFields.withResourceVersion(existing.value, revision) { return existing }
        let body = stamped.jsonString()
        try connection.execute(
            "UPDATE objects SET resource_version = ?, body = ? WHERE \(ObjectRows.keyColumns)",
            [.int(revision), .text(body)] + ObjectRows.bindings(key))
        try appendChange(.modified, key, stamped, body)
        return StoredObject(key: key, value: stamped, resourceVersion: revision)
    }

    @discardableResult
    func delete(_ key: ObjectKey, expectedResourceVersion: Int64?) throws -> StoredObject {
        try ensureActive()
        let existing = try current(key, expected: expectedResourceVersion)
        if key == Self.defaultNamespaceKey {
            throw StoreError.forbidden(key, reason: "the default namespace always exists and cannot be deleted")
        }
        try connection.execute("DELETE FROM objects WHERE \(ObjectRows.keyColumns)", ObjectRows.bindings(key))
        let last = ServerFields.withResourceVersion(existing.value, revision)
        try appendChange(.deleted, key, last, last.jsonString())
        return existing
    }

    /// Writes the revision and stamps history records; called once, just before COMMIT.
    func finish() throws {
        try ensureActive()
        if !changes.isEmpty {
            try connection.execute("UPDATE store_state SET revision = ?", [.int(revision)])
        }
        if let firstHistoryID {
            try connection.execute(
                "UPDATE history SET store_revision = ? WHERE id >= ?",
                [.int(changes.isEmpty ? baseRevision : revision), .int(firstHistoryID)])
        }
        for source in snapshotSources {
            try connection.execute(
                "UPDATE source_baselines SET store_revision = ? WHERE source = ?",
                [.int(changes.isEmpty ? baseRevision : revision), .text(source)])
        }
    }

    /// Ends the transaction's validity, whether it committed or rolled back.
    func close() { active = false }

    private func current(_ key: ObjectKey, expected: Int64?) throws -> StoredObject {
        guard let existing = try ObjectRows.get(key, in: connection, recent: recent) else { throw StoreError.notFound(key) }
        if let expected, expected != existing.resourceVersion {
            throw StoreError.conflict(key, expected: expected, actual: existing.resourceVersion)
        }
        return existing
    }

    /// Logs a change: `object` is what `body` (its JSON) says.
    private func appendChange(_ type: EventType, _ key: ObjectKey, _ object: Value, _ body: String) throws {
        try connection.execute(
            "INSERT INTO changes (revision, type, api_group, kind, namespace, name, body) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.int(revision), .text(type.rawValue)] + ObjectRows.bindings(key) + [.text(body)])
        changes.append(RecentWrites.Change(WatchEvent(revision: revision, type: type, key: key, object: object), body: body))
    }

    /// One creation time for every object of the transaction, read from the clock once.
    private func now() -> String {
        if let timestamp { return timestamp }
        let formatted = Timestamp.rfc3339(clock())
        timestamp = formatted
        return formatted
    }
}
