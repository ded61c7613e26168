import CSQLite
import FoundationEssentials
import Glibc
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
    let session: Mutex<Session>
    private let clock: @Sendable () -> Date

    /// The connection and what was written through it, under one lock.
    struct Session {
        let connection: SQLiteConnection
        let recent = RecentWrites()
    }

    private init(connection: sending SQLiteConnection, clock: @escaping @Sendable () -> Date) {
        self.path = connection.path
        self.session = Mutex(Session(connection: connection))
        self.clock = clock
    }

    /// Opens the state in `directory`, creating the directory (owner-only: it holds Secret data),
    /// the database and its schema when missing. A new database holds the `default` namespace.
    public static func open(
        directory: String, clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> SQLiteStore {
        try makeDirectory(directory)
        let path = databasePath(in: directory)
        let connection = try describingOpenFailure(path) {
            let connection = try SQLiteConnection(path: path, create: true)
            try configure(connection)
            try prepareSchema(connection, clock: clock)
            return connection
        }
        return SQLiteStore(connection: connection, clock: clock)
    }

    /// Whether `directory` holds a state database.
    public static func exists(in directory: String) -> Bool {
        FileManager.default.fileExists(atPath: databasePath(in: directory))
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
        try session.withLock { try Self.readRevision($0.connection) }
    }

    public func get(_ key: ObjectKey) throws -> StoredObject? {
        try session.withLock { try ObjectRows.get(key, in: $0.connection, recent: $0.recent) }
    }

    public func list(group: String, kind: String, namespace: String?) throws -> ObjectList {
        try session.withLock { session in
            let connection = session.connection
            return try connection.readTransaction {
                ObjectList(
                    revision: try Self.readRevision(connection),
                    items: try ObjectRows.list(group: group, kind: kind, namespace: namespace, in: connection))
            }
        }
    }

    public func kinds() throws -> [(group: String, kind: String)] {
        try session.withLock { session in
            try session.connection.query("SELECT DISTINCT api_group, kind FROM objects ORDER BY api_group, kind", []) { row in
                (group: row.text(0), kind: row.text(1))
            }
        }
    }

    @discardableResult
    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try session.withLock { session in
            let connection = session.connection
            try connection.execute("BEGIN IMMEDIATE")
            var transaction: SQLiteTransaction?
            do {
                let opened = try SQLiteTransaction(connection: connection, recent: session.recent, clock: clock)
                transaction = opened
                let result = try body(opened)
                try opened.finish()
                try connection.execute("COMMIT")
                opened.close()
                if !opened.changes.isEmpty { session.recent.record(opened.changes, revision: opened.revision) }
                return result
            } catch {
                transaction?.close()
                try? connection.execute("ROLLBACK")  // the error that ended the body is the one to report
                throw error
            }
        }
    }

    /// Copies the write-ahead log into the database and empties it, as closing the last connection
    /// does. A process that ends without closing a store it wrote to calls this first: the next
    /// process to open the store would otherwise rebuild its index of the log by reading all of it.
    public func checkpoint() throws {
        try session.withLock { try $0.connection.executeScript("PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// Events this store wrote itself come from its `RecentWrites`, without parsing their JSON.
    public func changes(after revision: Int64, limit: Int?) throws -> [WatchEvent] {
        try session.withLock { session in
            let connection = session.connection
            return try connection.readTransaction {
                let state = try connection.queryOne("SELECT revision, compacted_through FROM store_state") {
                    (head: $0.int(0), compacted: $0.int(1))
                }
                let compacted = state?.compacted ?? 0
                guard revision >= compacted else {
                    throw StoreError.compacted(requested: revision, oldest: compacted)
                }
                if limit == nil, let events = session.recent.events(after: revision, through: state?.head ?? 0) {
                    return events
                }
                return try ChangeRows.after(revision, limit: limit, in: connection)
            }
        }
    }

    public func compact(through revision: Int64) throws {
        try session.withLock { session in
            let connection = session.connection
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
        try session.withLock { try RecordRows.inventory(source: source, in: $0.connection) }
    }

    public func history(source: String?, limit: Int?) throws -> [SyncRecord] {
        try session.withLock { try RecordRows.history(source: source, limit: limit, in: $0.connection) }
    }

    static func readRevision(_ connection: SQLiteConnection) throws -> Int64 {
        try connection.queryOne("SELECT revision FROM store_state") { $0.int(0) } ?? 0
    }
}

/// Makes `path`, owner-only (the state holds Secret data), and any missing parents as `mkdir -p`
/// would; a folder that is there already is left as it is.
func makeDirectory(_ path: String) throws {
    let components = path.split(separator: "/")
    var partial = path.hasPrefix("/") ? "/" : ""
    for (index, component) in components.enumerated() {
        partial += (index == 0 ? "" : "/") + component
        if mkdir(partial, index == components.count - 1 ? 0o700 : 0o777) == 0 { continue }
        let code = errno
        var status = stat()
        guard code == EEXIST, stat(partial, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            let reason = code == EEXIST ? "\(partial) is not a directory" : String(cString: strerror(code))
            throw StoreError.cannotCreateDirectory(path: path, reason: reason)
        }
    }
}
