import FoundationEssentials
import Glibc
import Resources

/// Reading objects back from their rows.
enum ObjectRows {
    static let keyColumns = "api_group = ? AND kind = ? AND namespace = ? AND name = ?"

    static func bindings(_ key: ObjectKey) -> [SQLiteValue] {
        [.text(key.group), .text(key.kind), .text(key.namespace), .text(key.name)]
    }

    /// The stored object, taken from `recent` rather than parsed when it wrote this very version.
    static func get(_ key: ObjectKey, in connection: SQLiteConnection, recent: RecentWrites? = nil) throws -> StoredObject? {
        try connection.queryOne("SELECT resource_version, body FROM objects WHERE \(keyColumns)", bindings(key)) {
            row in
            let resourceVersion = row.int(0)
            let value = try recent?.object(key, at: resourceVersion) ?? decode(row.text(1), what: "\(key)", in: connection)
            return StoredObject(key: key, value: value, resourceVersion: resourceVersion)
        }
    }

    static func list(group: String, kind: String, namespace: String?, in connection: SQLiteConnection) throws
        -> [StoredObject]
    {
        let sql: String
        var bindings: [SQLiteValue] = [.text(group), .text(kind)]
        if let namespace {
            sql = "SELECT namespace, name, resource_version, body FROM objects"
                + " WHERE api_group = ? AND kind = ? AND namespace = ? ORDER BY name"
            bindings.append(.text(namespace))
        } else {
            sql = "SELECT namespace, name, resource_version, body FROM objects"
                + " WHERE api_group = ? AND kind = ? ORDER BY namespace, name"
        }
        return try connection.query(sql, bindings) { row in
            let key = ObjectKey(group: group, kind: kind, namespace: row.text(0), name: row.text(1))
            return StoredObject(
                key: key, value: try decode(row.text(3), what: "\(key)", in: connection), resourceVersion: row.int(2))
        }
    }

    /// Stored JSON that does not parse means the file was damaged or written by something else.
    static func decode(_ json: String, what: String, in connection: SQLiteConnection) throws -> Value {
        do {
            return try Value(json: json)
        } catch {
            throw StoreError.unreadableDatabase(path: connection.path, reason: "stored \(what) is not valid JSON: \(error)")
        }
    }
}

/// Reading the change log.
enum ChangeRows {
    private static let columns = "SELECT id, revision, type, api_group, kind, namespace, name, body FROM changes"

    /// Events after `revision`, at most `limit` plus the rest of the last revision begun.
    static func after(_ revision: Int64, limit: Int?, in connection: SQLiteConnection) throws -> [WatchEvent] {
        if let limit, limit <= 0 { return [] }
        var rows = try connection.query(
            "\(columns) WHERE revision > ? ORDER BY revision, id LIMIT ?",
            [.int(revision), .int(Int64(limit ?? -1))]
        ) { try decode($0, in: connection) }
        if let limit, rows.count == limit, let last = rows.last {
            rows += try connection.query(
                "\(columns) WHERE revision = ? AND id > ? ORDER BY id", [.int(last.event.revision), .int(last.id)]
            ) { try decode($0, in: connection) }
        }
        return rows.map(\.event)
    }

    private static func decode(_ row: SQLiteStatement, in connection: SQLiteConnection) throws
        -> (id: Int64, event: WatchEvent)
    {
        let key = ObjectKey(group: row.text(3), kind: row.text(4), namespace: row.text(5), name: row.text(6))
        guard let type = EventType(rawValue: row.text(2)) else {
            throw StoreError.unreadableDatabase(path: connection.path, reason: "unknown change type \(row.text(2))")
        }
        let object = try ObjectRows.decode(row.text(7), what: "change of \(key)", in: connection)
        return (row.int(0), WatchEvent(revision: row.int(1), type: type, key: key, object: object))
    }
}

/// Reading inventories and sync history.
enum RecordRows {
    static func inventory(source: String, in connection: SQLiteConnection) throws -> [InventoryEntry] {
        try connection.query(
            "SELECT api_group, kind, namespace, name, api_version, last_applied FROM inventory"
                + " WHERE source = ? ORDER BY api_group, kind, namespace, name", [.text(source)]
        ) { row in
            let key = ObjectKey(group: row.text(0), kind: row.text(1), namespace: row.text(2), name: row.text(3))
            let applied = try ObjectRows.decode(row.text(5), what: "inventory entry \(key)", in: connection)
            return InventoryEntry(key: key, apiVersion: row.text(4), lastApplied: applied)
        }
    }

    static func history(source: String?, limit: Int?, in connection: SQLiteConnection) throws -> [SyncRecord] {
        let filter = source == nil ? "" : " WHERE source = ?"
        var bindings: [SQLiteValue] = source.map { [.text($0)] } ?? []
        bindings.append(.int(Int64(limit ?? -1)))
        return try connection.query(
            "SELECT id, source, time, revision, author, subject, result, message, created, updated, deleted,"
                + " unchanged, store_revision, health FROM history\(filter) ORDER BY id DESC LIMIT ?", bindings
        ) { row in
            guard let result = SyncResult(rawValue: row.text(6)) else {
                throw StoreError.unreadableDatabase(path: connection.path, reason: "unknown sync result \(row.text(6))")
            }
            return SyncRecord(
                id: row.int(0), source: row.text(1), time: Date(timeIntervalSince1970: row.double(2)),
                revision: row.text(3), author: row.text(4), subject: row.text(5), result: result,
                message: row.text(7), created: Int(row.int(8)), updated: Int(row.int(9)), deleted: Int(row.int(10)),
                unchanged: Int(row.int(11)), storeRevision: row.int(12), health: row.text(13))
        }
    }
}

/// Reading and writing source snapshots.
enum SnapshotRows {
    /// Keys as lines of tab-separated fields; JSON (which starts with `[`) when a field holds a tab
    /// or a newline, which no name Kubernetes allows does.
    static func encodeKeys(_ keys: [ObjectKey]) -> String {
        let fields = keys.flatMap { [$0.group, $0.kind, $0.namespace, $0.name] }
        guard fields.allSatisfy({ !$0.utf8.contains(9) && !$0.utf8.contains(10) }) else {
            return Value.array(keys.map { .array([.string($0.group), .string($0.kind), .string($0.namespace), .string($0.name)]) })
                .jsonString()
        }
        return keys.map { "\($0.group)\t\($0.kind)\t\($0.namespace)\t\($0.name)\n" }.joined()
    }

    static func decodeKeys(
        _ row: SQLiteStatement, column: Int32, in connection: SQLiteConnection, reusing strings: inout KeyStrings
    ) throws -> [ObjectKey] {
        let damaged = StoreError.unreadableDatabase(path: connection.path, reason: "a source file key is not 4 strings")
        let keys: [ObjectKey]? = try row.withTextBytes(column) { bytes in
            guard bytes.first != UInt8(ascii: "[") else { return nil }
            var keys: [ObjectKey] = []
            var parts = (group: "", kind: "", namespace: "")
            var field = 0
            var start = 0
            for index in bytes.indices where bytes[index] == 9 || bytes[index] == 10 {
                let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
                start = index + 1
                switch (field, bytes[index]) {
                case (0, 9): parts.group = strings.string(text, slot: 0)
                case (1, 9): parts.kind = strings.string(text, slot: 1)
                case (2, 9): parts.namespace = strings.string(text, slot: 2)
                case (3, 10):
                    let name = String(decoding: text, as: UTF8.self)
                    keys.append(ObjectKey(group: parts.group, kind: parts.kind, namespace: parts.namespace, name: name))
                    field = 0
                    continue
                default: throw damaged
                }
                field += 1
            }
            guard start == bytes.count, field == 0 else { throw damaged }
            return keys
        }
        if let keys { return keys }
        let value = try ObjectRows.decode(row.text(column), what: "source file keys", in: connection)
        return try (value.arrayValue ?? []).map { item in
            guard let parts = item.arrayValue?.compactMap(\.stringValue), parts.count == 4 else { throw damaged }
            return ObjectKey(group: parts[0], kind: parts[1], namespace: parts[2], name: parts[3])
        }
    }

    static func snapshot(source: String, in connection: SQLiteConnection) throws -> SourceSnapshot? {
        try connection.queryOne(
            "SELECT revision, loader, store_revision, file_count FROM source_baselines WHERE source = ?", [.text(source)]
        ) { row in
            SourceSnapshot(revision: row.text(0), loader: row.text(1), storeRevision: row.int(2), fileCount: Int(row.int(3)))
        }
    }

    /// The snapshot's files in path order (byte order, as git sorts); `blobs` false leaves each
    /// record's blob empty, for a reader that knows which files changed.
    static func files(source: String, blobs: Bool, in connection: SQLiteConnection) throws -> [SourceFileRecord] {
        var strings = KeyStrings()
        return try connection.query(
            "SELECT path, \(blobs ? "blob" : "''"), keys, warnings FROM source_files WHERE source = ? ORDER BY path",
            [.text(source)]
        ) { row in
            let warnings =
                row.withTextBytes(3, { $0.elementsEqual("[]".utf8) })
                ? [] : try ObjectRows.decode(row.text(3), what: "source file warnings", in: connection).arrayValue ?? []
            return SourceFileRecord(
                path: row.text(0), blob: row.text(1), keys: try decodeKeys(row, column: 2, in: connection, reusing: &strings),
                warnings: warnings.compactMap(\.stringValue))
        }
    }
}

/// The group, kind and namespace of the key decoded last, handed out again while the next keys
/// repeat them (a source's keys share a few of each): no new string, and no UTF-8 check, for those.
struct KeyStrings {
    private var strings = ["", "", ""]

    mutating func string(_ text: UnsafeBufferPointer<UInt8>, slot: Int) -> String {
        let same = strings[slot].utf8.withContiguousStorageIfAvailable { cached in
            cached.count == text.count && (text.isEmpty || memcmp(cached.baseAddress!, text.baseAddress!, text.count) == 0)
        }
        if same == true { return strings[slot] }
        strings[slot] = String(decoding: text, as: UTF8.self)
        return strings[slot]
    }
}
