import Resources

extension SQLiteTransaction {
    func inventory(source: String) throws -> [InventoryEntry] {
        try ensureActive()
        return try RecordRows.inventory(source: source, in: connection)
    }

    func replaceInventory(source: String, entries: [InventoryEntry]) throws {
        try ensureActive()
        var seen = Set<ObjectKey>()
        for entry in entries where !seen.insert(entry.key).inserted {
            throw StoreError.invalidObject("the inventory of \(source) lists \(entry.key) twice")
        }
        try connection.execute("DELETE FROM inventory WHERE source = ?", [.text(source)])
        try updateInventory(source: source, upserts: entries, removals: [])
    }

    func updateInventory(source: String, upserts: [InventoryEntry], removals: [ObjectKey]) throws {
        try ensureActive()
        for key in removals {
            try connection.execute(
                "DELETE FROM inventory WHERE source = ? AND \(ObjectRows.keyColumns)", [.text(source)] + ObjectRows.bindings(key))
        }
        // The rows of one chunk are written while the next chunk's JSON is made (on all cores).
        try pipelined(count: upserts.count, chunk: 256) { range in
            upserts[range].map(\.lastApplied).concurrentMap(minimumSlice: 64) { $0.jsonString() }
        } consume: { range, bodies in
            for (entry, body) in zip(upserts[range], bodies) {
                try connection.execute(
                    "INSERT OR REPLACE INTO inventory (source, api_group, kind, namespace, name, api_version, last_applied)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [.text(source)] + ObjectRows.bindings(entry.key) + [.text(entry.apiVersion), .text(body)])
            }
        }
    }

    func writeSnapshot(source: String, _ update: SourceSnapshotUpdate) throws {
        try ensureActive()
        if update.replacing {
            try connection.execute("DELETE FROM source_files WHERE source = ?", [.text(source)])
        }
        for path in update.removedPaths {
            try connection.execute("DELETE FROM source_files WHERE source = ? AND path = ?", [.text(source), .text(path)])
        }
        for file in update.files {
            try connection.execute(
                "INSERT OR REPLACE INTO source_files (source, path, blob, keys, warnings) VALUES (?, ?, ?, ?, ?)",
                [.text(source), .text(file.path), .text(file.blob), .text(SnapshotRows.encodeKeys(file.keys)),
                 .text(Value.array(file.warnings.map(Value.string)).jsonString())])
        }
        try connection.execute(
            "INSERT OR REPLACE INTO source_baselines (source, revision, loader, store_revision, file_count)"
                + " VALUES (?, ?, ?, ?, ?)",
            [.text(source), .text(update.revision), .text(update.loader), .int(baseRevision), .int(Int64(update.fileCount))])
        snapshotSources.append(source)
    }

    func recordHealth(_ health: String, ofSync id: Int64) throws {
        try ensureActive()
        try connection.execute("UPDATE history SET health = ? WHERE id = ?", [.text(health), .int(id)])
    }

    @discardableResult
    func appendHistory(_ record: SyncRecord) throws -> Int64 {
        try ensureActive()
        try connection.execute(
            "INSERT INTO history (source, time, revision, author, subject, result, message, created, updated,"
                + " deleted, unchanged, store_revision, health) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .text(record.source), .real(record.time.timeIntervalSince1970), .text(record.revision),
                .text(record.author), .text(record.subject), .text(record.result.rawValue), .text(record.message),
                .int(Int64(record.created)), .int(Int64(record.updated)), .int(Int64(record.deleted)),
                .int(Int64(record.unchanged)), .int(baseRevision), .text(record.health),
            ])
        let id = connection.lastInsertRowID
        if firstHistoryID == nil { firstHistoryID = id }
        return id
    }
}
