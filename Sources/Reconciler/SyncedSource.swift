import Store

/// The source a state follows and the revision it last synced, read back from the sync history.
public struct SyncedSource: Sendable, Equatable {
    /// The repository (a folder or a URL) as it was given to `berth reconcile`.
    public var repository: String
    public var path: String
    /// The commit of the last sync that applied or found the state in sync.
    public var revision: String
    public var subject: String

    /// The most recent successful sync's source; nil when the state never synced.
    public static func latest(in store: any ObjectStore) throws -> SyncedSource? {
        guard let record = try store.history(source: nil, limit: 200).first(where: { $0.result == .applied || $0.result == .inSync }),
            let split = record.source.lastIndex(of: "#")
        else { return nil }
        return SyncedSource(
            repository: String(record.source[..<split]), path: String(record.source[record.source.index(after: split)...]),
            revision: record.revision, subject: record.subject)
    }
}
