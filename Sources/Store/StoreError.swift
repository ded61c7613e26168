import Resources

/// Why a store operation failed, with what a user needs to act on it.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A create found the key taken.
    case alreadyExists(ObjectKey)
    /// An update or delete found no object under the key.
    case notFound(ObjectKey)
    /// An update or delete expected another resourceVersion: someone wrote the object in between.
    case conflict(ObjectKey, expected: Int64, actual: Int64)
    /// A change-log read asked for revisions that compaction removed; `oldest` is the earliest
    /// revision `changes(after:)` still accepts. The reader relists and continues from there.
    case compacted(requested: Int64, oldest: Int64)
    /// The value is not a storable object (missing apiVersion, kind or metadata.name …).
    case invalidObject(String)
    /// The store refuses the write whatever the caller's version says (the `default` namespace).
    case forbidden(ObjectKey, reason: String)
    /// The database was written by a newer berth.
    case schemaTooNew(found: Int, supported: Int)
    /// The state file exists but cannot be used as a berth database.
    case unreadableDatabase(path: String, reason: String)
    /// The state directory could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// A transaction was used after its `write` body returned.
    case transactionFinished
    /// Any other SQLite failure, with the operation it interrupted.
    case sqlite(code: Int32, message: String, context: String)

    public var description: String {
        switch self {
        case .alreadyExists(let key): return "\(key) already exists"
        case .notFound(let key): return "\(key) not found"
        case .conflict(let key, let expected, let actual):
            return "\(key) was modified: expected resourceVersion \(expected), found \(actual); read it again and retry"
        case .compacted(let requested, let oldest):
            return "changes after revision \(requested) were compacted (oldest available: after \(oldest)); relist"
        case .invalidObject(let reason): return "invalid object: \(reason)"
        case .forbidden(let key, let reason): return "\(key): \(reason)"
        case .schemaTooNew(let found, let supported):
            return "the state database has schema version \(found), this berth reads up to \(supported); upgrade berth"
        case .unreadableDatabase(let path, let reason):
            return "cannot use state database \(path): \(reason)"
        case .cannotCreateDirectory(let path, let reason):
            return "cannot create state directory \(path): \(reason)"
        case .transactionFinished:
            return "a store transaction was used after its write block ended"
        case .sqlite(let code, let message, let context):
            return "SQLite error \(code) while \(context): \(message)"
        }
    }
}
