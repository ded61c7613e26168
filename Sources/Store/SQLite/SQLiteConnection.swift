import CSQLite

/// One open SQLite database handle with its cache of prepared statements.
///
/// Not thread-safe on purpose: the store keeps it inside a `Mutex`, so SQLite's own per-connection
/// mutex is switched off (`SQLITE_OPEN_NOMUTEX`).
final class SQLiteConnection {
    let handle: OpaquePointer
    let path: String
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens `path`; with `create: false` a missing file is an error rather than a new database.
    init(path: String, create: Bool) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0)
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard let db else {
            throw StoreError.sqlite(code: code, message: "out of memory", context: "opening \(path)")
        }
        // From here deinit runs on a throw and closes the handle, which SQLite allocates even when
        // opening fails.
        self.handle = db
        self.path = path
        try check(code, "opening \(path)")
        try check(sqlite3_extended_result_codes(db, 1), "enabling extended result codes")
    }

    deinit {
        statements.removeAll()  // finalize before closing, so the close is immediate
        sqlite3_close_v2(handle)
    }

    /// The one place SQLite result codes are turned into errors.
    func check(_ code: Int32, _ context: @autoclosure () -> String) throws {
        switch code {
        case SQLITE_OK, SQLITE_ROW, SQLITE_DONE: return
        default:
            throw StoreError.sqlite(code: code, message: String(cString: sqlite3_errmsg(handle)), context: context())
        }
    }

    /// Runs `body` with the cached statement for `sql`, bound to `bindings`, and resets it afterwards
    /// so that no statement keeps a read snapshot open between calls.
    func withStatement<T>(
        _ sql: String, _ bindings: [SQLiteValue] = [], _ body: (SQLiteStatement) throws -> T
    ) throws -> T {
        let statement = try cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(bindings)
        return try body(statement)
    }

    func execute(_ sql: String, _ bindings: [SQLiteValue] = []) throws {
        try withStatement(sql, bindings) { statement in
            while try statement.step() {}
        }
    }

    func query<T>(_ sql: String, _ bindings: [SQLiteValue] = [], row: (SQLiteStatement) throws -> T) throws -> [T] {
        try withStatement(sql, bindings) { statement in
            var rows: [T] = []
            while try statement.step() { rows.append(try row(statement)) }
            return rows
        }
    }

    func queryOne<T>(_ sql: String, _ bindings: [SQLiteValue] = [], row: (SQLiteStatement) throws -> T) throws -> T? {
        try withStatement(sql, bindings) { statement in
            try statement.step() ? try row(statement) : nil
        }
    }

    /// Runs several `;`-separated statements once (schema set-up, pragmas); nothing is cached.
    func executeScript(_ sql: String) throws {
        try check(sqlite3_exec(handle, sql, nil, nil, nil), "running \(sql.prefix(60))")
    }

    /// Runs `body` in a deferred read transaction so that several queries see one snapshot.
    func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")  // the body's error is the one worth reporting
            throw error
        }
    }

    func setBusyTimeout(milliseconds: Int32) throws {
        try check(sqlite3_busy_timeout(handle, milliseconds), "setting the busy timeout")
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    private func cachedStatement(_ sql: String) throws -> SQLiteStatement {
        if let statement = statements[sql] { return statement }
        let statement = try SQLiteStatement(connection: self, sql: sql)
        statements[sql] = statement
        return statement
    }
}
