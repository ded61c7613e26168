import CGit2
import FoundationEssentials
import Synchronization

/// A git repository that berth reads manifests from, always out of a commit's tree and never from
/// the work tree, so uncommitted edits cannot leak into what gets applied.
///
/// Sendable because every libgit2 call on the repository happens while holding `lock`: libgit2
/// allows one repository to be used from many threads, but not at the same time. The libgit2
/// objects made under the lock never escape it; only Swift values do.
public final class GitRepository: @unchecked Sendable {
    /// The work tree's folder, or for a bare repository the repository folder itself.
    public let path: String
    public let isBare: Bool

    let handle: RepositoryHandle
    private let lock = Mutex(())

    init(handle: RepositoryHandle) {
        self.handle = handle
        self.isBare = git_repository_is_bare(handle.pointer) == 1
        let folder = git_repository_workdir(handle.pointer) ?? git_repository_path(handle.pointer)
        self.path = folder.map { Self.trimmingTrailingSlash(String(cString: $0)) } ?? ""
    }

    /// Another handle on the same repository, for another thread to read through at the same time.
    public func reopened() throws(GitError) -> GitRepository {
        try Self.open(path: gitDirectory)
    }

    /// Opens the repository at `path`: a work tree (its top folder, or its `.git`) or a bare
    /// repository. Parent folders are not searched, so a folder inside some other repository is
    /// reported as not a repository rather than silently opening the outer one.
    public static func open(path: String) throws(GitError) -> GitRepository {
        try ensureLibgit2()
        let context = "cannot open git repository at \(path)"
        do {
            let raw = try created(context) { out in
                git_repository_open_ext(out, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
            }
            return GitRepository(handle: RepositoryHandle(raw))
        } catch {
            guard error.code == GIT_ENOTFOUND.rawValue else { throw error }
            throw error.with(reason: .notARepository, context: context)
        }
    }

    /// Resolves anything `git rev-parse` accepts that names a commit: `HEAD`, a branch, a tag
    /// (annotated tags are peeled), a full or abbreviated id, `HEAD~1`, `origin/main`.
    public func resolve(_ revision: String) throws(GitError) -> CommitInfo {
        try locked { () throws(GitError) in CommitInfo(try lookupCommit(revision)) }
    }

    /// The contents of the blob with this id (full, or an unambiguous prefix of at least 4 digits),
    /// exactly as stored: no line-ending or other filters are applied.
    public func blob(_ id: String) throws(GitError) -> [UInt8] {
        let parsed = try ParsedObjectID(id)
        return try locked { () throws(GitError) in
            var oid = parsed.oid
            let blob: BlobHandle
            do throws(GitError) {
                blob = BlobHandle(
                    try created("no blob '\(id)' in \(path)") { out in
                        git_blob_lookup_prefix(out, handle.pointer, &oid, parsed.length)
                    }, owner: handle)
            } catch {
                throw objectLookupError(error, id: id, kind: "blob")
            }
            let size = Int(git_blob_rawsize(blob.pointer))
            guard size > 0, let content = git_blob_rawcontent(blob.pointer) else { return [] }
            return Array(UnsafeRawBufferPointer(start: content, count: size))
        }
    }

    /// Runs `body` with exclusive use of the libgit2 repository; see the type's comment.
    func locked<Result>(_ body: () throws(GitError) -> Result) throws(GitError) -> Result {
        try lock.withLock { (_) throws(GitError) -> Result in try body() }
    }

    /// Looks up the commit a revision names. The caller holds the lock.
    func lookupCommit(_ revision: String) throws(GitError) -> CommitHandle {
        let object: ObjectHandle
        do {
            object = ObjectHandle(
                try created("unknown revision '\(revision)' in \(path)") { out in
                    git_revparse_single(out, handle.pointer, revision)
                }, owner: handle)
        } catch {
            throw revisionError(error, revision: revision)
        }
        do {
            // A peeled commit is a git_object of type commit, which libgit2 lets us use as a
            // git_commit and free with git_commit_free.
            let commit = try created("'\(revision)' does not name a commit in \(path)") { out in
                git_object_peel(out, object.pointer, GIT_OBJECT_COMMIT)
            }
            return CommitHandle(commit, owner: handle)
        } catch {
            let type = String(cString: git_object_type2string(git_object_type(object.pointer)))
            throw error.with(
                reason: .notACommit, context: "'\(revision)' does not name a commit in \(path)",
                message: "it names a \(type)")
        }
    }

    private func revisionError(_ error: GitError, revision: String) -> GitError {
        switch error.code {
        case GIT_ENOTFOUND.rawValue:
            // HEAD in a fresh repository (or on a new orphan branch) names a branch that has no
            // commit yet; saying so beats "no branch matches".
            let unbornHead =
                revision.hasPrefix("HEAD") && (try? check(git_repository_head_unborn(handle.pointer), "")) == 1
            return error.with(
                reason: .unknownRevision, context: "unknown revision '\(revision)' in \(path)",
                message: unbornHead
                    ? "HEAD points to a branch with no commits yet" : "no branch, tag or commit matches it")
        case GIT_EAMBIGUOUS.rawValue:
            return error.with(
                reason: .ambiguousRevision, context: "ambiguous revision '\(revision)' in \(path)",
                message: "several objects start with it; give more digits")
        case GIT_EINVALIDSPEC.rawValue:
            return error.with(reason: .unknownRevision, context: "invalid revision '\(revision)' in \(path)")
        default:
            return error
        }
    }

    func objectLookupError(_ error: GitError, id: String, kind: String) -> GitError {
        switch error.code {
        case GIT_ENOTFOUND.rawValue:
            return error.with(reason: .objectNotFound, context: "no \(kind) '\(id)' in \(path)")
        case GIT_EAMBIGUOUS.rawValue:
            return error.with(
                reason: .ambiguousRevision, context: "ambiguous object id '\(id)' in \(path)",
                message: "several objects start with it; give more digits")
        default:
            return error
        }
    }

    static func trimmingTrailingSlash(_ text: String) -> String {
        var text = Substring(text)
        while text.count > 1, text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}
