import Resources

extension SQLiteStore {
    /// Where the source's last apply left it; nil when none was recorded (or the state
    /// predates snapshots: a dry run does not migrate it).
    public func snapshot(source: String) throws -> SourceSnapshot? {
        try session.withLock { session in
            let connection = session.connection
            let exists = try connection.queryOne(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'source_baselines'") { _ in true }
            guard exists != nil else { return nil }
            return try SnapshotRows.snapshot(source: source, in: connection)
        }
    }

    /// The files of the source's snapshot, in path order; `blobs` false leaves their blob ids out.
    public func snapshotFiles(source: String, blobs: Bool) throws -> [SourceFileRecord] {
        try session.withLock { try SnapshotRows.files(source: source, blobs: blobs, in: $0.connection) }
    }

    /// Records that every object of `source` was found in sync with the snapshot's commit as of
    /// `revision`, so later runs look only at objects written after it. Does nothing unless the
    /// snapshot is of that commit and loader, or when it would move back.
    public func advanceSnapshot(source: String, commit: String, loader: String, to revision: Int64) throws {
        try session.withLock { session in
            let connection = session.connection
            try connection.execute(
                "UPDATE source_baselines SET store_revision = ?"
                    + " WHERE source = ? AND revision = ? AND loader = ? AND store_revision < ?",
                [.int(revision), .text(source), .text(commit), .text(loader), .int(revision)])
        }
    }

    /// The keys of a source's inventory, without the objects it last applied.
    public func inventoryKeys(source: String) throws -> [ObjectKey] {
        try session.withLock { session in
            let connection = session.connection
            return try connection.query(
                "SELECT api_group, kind, namespace, name FROM inventory WHERE source = ?"
                    + " ORDER BY api_group, kind, namespace, name", [.text(source)]
            ) { row in ObjectKey(group: row.text(0), kind: row.text(1), namespace: row.text(2), name: row.text(3)) }
        }
    }

    /// How many objects a source's inventory lists.
    public func inventoryCount(source: String) throws -> Int {
        try session.withLock { session in
            let connection = session.connection
            return Int(try connection.queryOne("SELECT count(*) FROM inventory WHERE source = ?", [.text(source)]) { $0.int(0) } ?? 0)
        }
    }

    /// The inventory entries of a source for these keys (keys it does not list are left out).
    public func inventory(source: String, keys: [ObjectKey]) throws -> [InventoryEntry] {
        try session.withLock { session in
            let connection = session.connection
            return try connection.readTransaction {
                try keys.compactMap { key in
                    try connection.queryOne(
                        "SELECT api_version, last_applied FROM inventory WHERE source = ? AND \(ObjectRows.keyColumns)",
                        [.text(source)] + ObjectRows.bindings(key)
                    ) { row in
                        InventoryEntry(
                            key: key, apiVersion: row.text(0),
                            lastApplied: try ObjectRows.decode(row.text(1), what: "inventory entry \(key)", in: connection))
                    }
                }
            }
        }
    }

    /// The objects of a source's inventory written after `revision`, or no longer stored.
    public func inventoryChanged(source: String, after revision: Int64) throws -> Set<ObjectKey> {
        try session.withLock { session in
            let connection = session.connection
            return Set(
                try connection.query(
                    "SELECT i.api_group, i.kind, i.namespace, i.name FROM inventory i LEFT JOIN objects o"
                        + " ON o.api_group = i.api_group AND o.kind = i.kind AND o.namespace = i.namespace AND o.name = i.name"
                        + " WHERE i.source = ? AND (o.resource_version IS NULL OR o.resource_version > ?)",
                    [.text(source), .int(revision)]
                ) { row in ObjectKey(group: row.text(0), kind: row.text(1), namespace: row.text(2), name: row.text(3)) })
        }
    }

    /// The stored objects for these keys (keys not stored are left out).
    public func objects(_ keys: [ObjectKey]) throws -> [ObjectKey: StoredObject] {
        try session.withLock { session in
            let connection = session.connection
            return try connection.readTransaction {
                var out: [ObjectKey: StoredObject] = [:]
                for key in keys { out[key] = try ObjectRows.get(key, in: connection, recent: session.recent) }
                return out
            }
        }
    }
}
