import FoundationEssentials
import Resources

extension SQLiteStore {
    /// The schema version this code writes and reads (`PRAGMA user_version`).
    public static let schemaVersion = 3

    /// Objects are keyed by (group, kind, namespace, name): the primary key's order serves `list`
    /// of one kind, in one namespace or all, already sorted by namespace and name. The change log
    /// repeats the object's JSON so a watcher never needs the objects table, at the cost of space
    /// that compaction returns.
    static let schemaV1 = """
        CREATE TABLE store_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            revision INTEGER NOT NULL,
            compacted_through INTEGER NOT NULL
        );
        INSERT INTO store_state (id, revision, compacted_through) VALUES (1, 0, 0);
        CREATE TABLE objects (
            api_group TEXT NOT NULL, kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
            resource_version INTEGER NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (api_group, kind, namespace, name)
        );
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            revision INTEGER NOT NULL,
            type TEXT NOT NULL,
            api_group TEXT NOT NULL, kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX changes_by_revision ON changes (revision);
        CREATE TABLE inventory (
            source TEXT NOT NULL,
            api_group TEXT NOT NULL, kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
            api_version TEXT NOT NULL,
            last_applied TEXT NOT NULL,
            PRIMARY KEY (source, api_group, kind, namespace, name)
        );
        CREATE TABLE history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            time REAL NOT NULL,
            revision TEXT NOT NULL, author TEXT NOT NULL, subject TEXT NOT NULL,
            result TEXT NOT NULL, message TEXT NOT NULL,
            created INTEGER NOT NULL, updated INTEGER NOT NULL, deleted INTEGER NOT NULL,
            unchanged INTEGER NOT NULL,
            store_revision INTEGER NOT NULL
        );
        CREATE INDEX history_by_source ON history (source, id);
        """

    /// Version 2: the health a sync reached, written once the rollout it started settles.
    static let migrationV2 = "ALTER TABLE history ADD COLUMN health TEXT NOT NULL DEFAULT '';"

    /// Version 3: what each source's last apply read from git, file by file (blob id, the keys of its
    /// objects, its warnings), and the commit and store revision it was applied at, so the next run
    /// parses only the files whose blob changed and diffs only the objects changed since. The index
    /// answers "which of these objects changed since revision N" without reading their bodies.
    static let migrationV3 = """
        CREATE TABLE source_files (
            source TEXT NOT NULL, path TEXT NOT NULL, blob TEXT NOT NULL,
            keys TEXT NOT NULL, warnings TEXT NOT NULL,
            PRIMARY KEY (source, path)
        );
        CREATE TABLE source_baselines (
            source TEXT PRIMARY KEY, revision TEXT NOT NULL, loader TEXT NOT NULL, store_revision INTEGER NOT NULL,
            file_count INTEGER NOT NULL
        );
        CREATE INDEX objects_versions ON objects (api_group, kind, namespace, name, resource_version);
        """

    /// Connection settings every store connection uses.
    ///
    /// `synchronous = FULL`: in WAL mode NORMAL is already atomic (a crash leaves the old state or
    /// the new), but a commit may be lost on power failure after berth reported it as applied and
    /// recorded it in history. FULL syncs the log on each commit, as etcd does; writers batch many
    /// objects per transaction, so the cost is per sync, not per object. Reads go through a memory
    /// map (up to 1 GiB of the file) rather than a read call per page.
    static func configure(_ connection: SQLiteConnection) throws {
        try connection.setBusyTimeout(milliseconds: 5_000)
        try connection.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA mmap_size = 1073741824;")
    }

    static func userVersion(_ connection: SQLiteConnection) throws -> Int {
        Int(try connection.queryOne("PRAGMA user_version") { $0.int(0) } ?? 0)
    }

    static func tableCount(_ connection: SQLiteConnection) throws -> Int64 {
        try connection.queryOne("SELECT count(*) FROM sqlite_schema") { $0.int(0) } ?? 0
    }

    /// Creates the schema and seeds the `default` namespace when the file is new; checks the
    /// version otherwise. Runs under BEGIN IMMEDIATE so two processes opening a new directory at
    /// once do not both create it.
    static func prepareSchema(_ connection: SQLiteConnection, clock: @escaping @Sendable () -> Date) throws {
        try connection.execute("BEGIN IMMEDIATE")
        do {
            let version = try userVersion(connection)
            if version == 0 {
                guard try tableCount(connection) == 0 else {
                    throw StoreError.unreadableDatabase(
                        path: connection.path, reason: "it holds tables but no berth schema version")
                }
                try connection.executeScript(schemaV1 + migrationV2 + migrationV3 + "PRAGMA user_version = \(schemaVersion);")
                let transaction = try SQLiteTransaction(connection: connection, clock: clock)
                try transaction.create(defaultNamespace)
                try transaction.finish()
                transaction.close()
            } else {
                try checkVersion(version)
                if version < 2 { try connection.executeScript(migrationV2 + "PRAGMA user_version = 2;") }
                if version < 3 { try connection.executeScript(migrationV3 + "PRAGMA user_version = 3;") }
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    static func checkVersion(_ version: Int) throws {
        guard version <= schemaVersion else {
            throw StoreError.schemaTooNew(found: version, supported: schemaVersion)
        }
    }

    static let defaultNamespace: Value = [
        "apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "default"],
    ]
}
