import FoundationEssentials

/// How a sync ended.
public enum SyncResult: String, Sendable, Hashable, CaseIterable {
    /// Changes were written.
    case applied
    /// Nothing differed; nothing was written.
    case inSync
    /// Validation or policy stopped the sync before anything was written.
    case refused
    /// Writing was attempted and failed.
    case failed
}

/// One entry of a source's sync history.
public struct SyncRecord: Sendable, Hashable {
    /// Assigned by the store when the record is appended; any value given is ignored.
    public var id: Int64
    public var source: String
    public var time: Date
    /// The git revision that was synced.
    public var revision: String
    public var author: String
    public var subject: String
    public var result: SyncResult
    public var message: String
    public var created: Int
    public var updated: Int
    public var deleted: Int
    public var unchanged: Int
    /// The store revision after the sync's transaction; set by the store when it commits.
    public var storeRevision: Int64
    /// The health the sync's resources reached (Healthy, Progressing, Degraded …); empty until known.
    public var health: String

    public init(
        id: Int64 = 0, source: String, time: Date, revision: String, author: String, subject: String,
        result: SyncResult, message: String = "", created: Int = 0, updated: Int = 0, deleted: Int = 0,
        unchanged: Int = 0, storeRevision: Int64 = 0, health: String = ""
    ) {
        self.health = health
        self.id = id
        self.source = source
        self.time = time
        self.revision = revision
        self.author = author
        self.subject = subject
        self.result = result
        self.message = message
        self.created = created
        self.updated = updated
        self.deleted = deleted
        self.unchanged = unchanged
        self.storeRevision = storeRevision
    }
}
