import CSQLite
import Foundation
import Resources
import Synchronization

/// The embedded store: one SQLite database, `<directory>/state.db`, in WAL mode.
///
/// Within a process the store is `Sendable`: its one connection lives inside a `Mutex`, so the
/// compiler guarantees it is only touched under the lock and calls from many tasks take turns.
/// Across processes (a CLI while a server runs) SQLite's file locks serialize writers: each
/// transaction starts with BEGIN IMMEDIATE and waits up to 5 s (`busy_timeout`) for another
/// writer, while readers keep reading their WAL snapshot.
public final class SQLiteStore: ObjectStore {
    /// The database file name inside the state directory.
    public static let fileName = "state.db"

    /// The database file this store reads and writes.
    public let path: String
    let connection: Mutex<SQLiteConnection>
    private let clock: @Sendable () -> Date

    private init(connection: sending SQLiteConnection, clock: @escaping @Sendable () -> Date) {
        self.path = connection.path
        self.connection = Mutex(connection)
        self.clock = clock
    }

    /// Opens the state in `directory`, creating the directory (owner-only: it holds Secret data),
    /// the database and its schema when missing. A new database holds the `default` namespace.
    public static func open(
        directory: String, clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> SQLiteStore {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.cannotCreateDirectory(path: directory, reason: error.localizedDescription)
        }
        let path = databasePath(in: directory)
        let connection = try describingOpenFailure(path) {
            let connection = try SQLiteConnection(path: path, create: true)
            try configure(connection)
            try prepareSchema(connection, clock: clock)
            return connection
        }
        return SQLiteStore(connection: connection, clock: clock)
    }

    /// Opens the state in `directory` if a database is there; nil otherwise. Creates nothing, so a
    /// dry run against a directory that was never applied to leaves no trace.
    public static func openExisting(
        directory: String, clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> SQLiteStore? {
        let path = databasePath(in: directory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let connection: SQLiteConnection? = try describingOpenFailure(path) {
            let connection = try SQLiteConnection(path: path, create: false)
            try connection.setBusyTimeout(milliseconds: 5_000)
            let version = try userVersion(connection)
            if version == 0 {
                // An empty file (a creation interrupted before its first commit) holds no state.
                guard try tableCount(connection) == 0 else {
                    throw StoreError.unreadableDatabase(path: path, reason: "it holds tables but no berth schema version")
                }
                return nil
            }
            try checkVersion(version)
            try configure(connection)
            return connection
        }
        guard let connection else { return nil }
        return SQLiteStore(connection: connection, clock: clock)
    }

    private static func databasePath(in directory: String) -> String {
        directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
    }

    /// Turns SQLite's codes for a file that is not a usable database into a plain explanation.
    private static func describingOpenFailure<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch StoreError.sqlite(let code, let message, _)
            where [SQLITE_NOTADB, SQLITE_CORRUPT, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_IOERR, SQLITE_READONLY]
            .contains(code & 0xFF)
        {
            throw StoreError.unreadableDatabase(path: path, reason: "\(message) (SQLite code \(code))")
        }
    }

    public func revision() throws -> Int64 {
        try connection.withLock { try Self.readRevision($0) }
    }

    public func get(_ key: ObjectKey) throws -> StoredObject? {
        try connection.withLock { try ObjectRows.get(key, in: $0) }
    }

    public func list(group: String, kind: String, namespace: String?) throws -> ObjectList {
        try connection.withLock { connection in
            try connection.readTransaction {
                ObjectList(
                    revision: try Self.readRevision(connection),
                    items: try ObjectRows.list(group: group, kind: kind, namespace: namespace, in: connection))
            }
        }
    }

    public func kinds() throws -> [(group: String, kind: String)] {
        try connection.withLock { connection in
            try connection.query("SELECT DISTINCT api_group, kind FROM objects ORDER BY api_group, kind", []) { row in
                (group: row.text(0), kind: row.text(1))
            }
        }
    }

    @discardableResult
    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try connection.withLock { connection in
            try connection.execute("BEGIN IMMEDIATE")
            var transaction: SQLiteTransaction?
            do {
                let opened = try SQLiteTransaction(connection: connection, clock: clock)
                transaction = opened
                let result = try body(opened)
                try opened.finish()
                try connection.execute("COMMIT")
                opened.close()
                return result
            } catch {
                transaction?.close()
                try? connection.execute("ROLLBACK")  // the error that ended the body is the one to report
                throw error
            }
        }
    }

    public func changes(after revision: Int64, limit: Int?) throws -> [WatchEvent] {
        try connection.withLock { connection in
            try connection.readTransaction {
                let compacted = try connection.queryOne("SELECT compacted_through FROM store_state") { $0.int(0) } ?? 0
                guard revision >= compacted else {
                    throw StoreError.compacted(requested: revision, oldest: compacted)
                }
                return try ChangeRows.after(revision, limit: limit, in: connection)
            }
        }
    }

    public func compact(through revision: Int64) throws {
        try connection.withLock { connection in
            try connection.execute("BEGIN IMMEDIATE")
            do {
                try connection.execute(
                    "UPDATE store_state SET compacted_through = max(compacted_through, min(?, revision))",
                    [.int(revision)])
                try connection.execute(
                    "DELETE FROM changes WHERE revision <= (SELECT compacted_through FROM store_state)")
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    public func inventory(source: String) throws -> [InventoryEntry] {
        try connection.withLock { try RecordRows.inventory(source: source, in: $0) }
    }

    public func history(source: String?, limit: Int?) throws -> [SyncRecord] {
        try connection.withLock { try RecordRows.history(source: source, limit: limit, in: $0) }
    }

    static func readRevision(_ connection: SQLiteConnection) throws -> Int64 {
        try connection.queryOne("SELECT revision FROM store_state") { $0.int(0) } ?? 0
    }
}
