import CGit2

/// What berth records about a commit: enough to name it in a plan, a sync record or a log line.
public struct CommitInfo: Sendable, Hashable {
    /// The full 40-character hex id.
    public var id: String
    /// The first 7 characters of `id`, as people quote commits.
    public var shortID: String
    public var authorName: String
    public var authorEmail: String
    /// When the author made the change, in seconds since 1970 (git's author date, `%at`).
    public var time: Int64
    /// The subject as `git log --format=%s` shows it: the first paragraph, on one line.
    public var subject: String
    /// The whole message, as stored.
    public var message: String
    /// Parent ids in order; empty for a root commit, two or more for a merge.
    public var parentIDs: [String]

    public init(
        id: String, authorName: String, authorEmail: String, time: Int64,
        subject: String, message: String, parentIDs: [String]
    ) {
        self.id = id
        self.shortID = String(id.prefix(7))
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.time = time
        self.subject = subject
        self.message = message
        self.parentIDs = parentIDs
    }
}

extension CommitInfo {
    init(_ commit: CommitHandle) {
        let pointer = commit.pointer
        let author = git_commit_author(pointer)
        // The summary is built lazily by libgit2 and can be NULL only when it runs out of memory.
        let summary = git_commit_summary(pointer).map { String(cString: $0) } ?? ""
        let message = git_commit_message(pointer).map { String(cString: $0) } ?? ""
        let parents = (0..<git_commit_parentcount(pointer)).compactMap { index in
            git_commit_parent_id(pointer, index)?.pointee.hex
        }
        self.init(
            id: git_commit_id(pointer).pointee.hex,
            authorName: author?.pointee.name.map { String(cString: $0) } ?? "",
            authorEmail: author?.pointee.email.map { String(cString: $0) } ?? "",
            time: author?.pointee.when.time ?? 0,
            subject: summary, message: message, parentIDs: parents)
    }
}
