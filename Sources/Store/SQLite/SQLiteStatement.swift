import CSQLite

/// A value bound to a statement parameter.
enum SQLiteValue {
    case int(Int64)
    case real(Double)
    case text(String)
    case null
}

/// A prepared statement, finalized when released. Owned by its connection's cache.
final class SQLiteStatement {
    private let handle: OpaquePointer
    // The connection owns its cached statements and finalizes them before it closes.
    private unowned let connection: SQLiteConnection
    let sql: String

    init(connection: SQLiteConnection, sql: String) throws {
        var statement: OpaquePointer?
        try connection.check(
            sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil),
            "preparing \(sql)")
        guard let statement else {
            throw StoreError.sqlite(code: SQLITE_MISUSE, message: "no statement in the text", context: "preparing \(sql)")
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// SQLite copies bound text immediately (SQLITE_TRANSIENT), so Swift's temporary C string may go.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    func bind(_ values: [SQLiteValue]) throws {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .int(let i): code = sqlite3_bind_int64(handle, index, i)
            case .real(let d): code = sqlite3_bind_double(handle, index, d)
            case .text(let s): code = sqlite3_bind_text(handle, index, s, -1, Self.transient)
            case .null: code = sqlite3_bind_null(handle, index)
            }
            try connection.check(code, "binding parameter \(index) of \(sql)")
        }
    }

    /// Advances to the next row; false when the statement is done.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        try connection.check(code, "running \(sql)")
        return code == SQLITE_ROW
    }

    /// Readies the statement for its next use. The code reset returns repeats the last step's error,
    /// which `step` already reported, so it is checked and then deliberately dropped.
    func reset() {
        try? connection.check(sqlite3_reset(handle), "resetting \(sql)")
        try? connection.check(sqlite3_clear_bindings(handle), "clearing bindings of \(sql)")
    }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    /// The column's UTF-8 bytes, valid only inside `body` (no String is made).
    func withTextBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        guard let bytes = sqlite3_column_text(handle, column) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))))
    }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}
