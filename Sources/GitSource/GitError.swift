import CGit2

/// A failure reading or fetching a git repository, worded so a user can act on it.
///
/// `context` says what berth was doing ("cannot open git repository at repo"), `message` says why
/// (libgit2's own words, or berth's where libgit2 has none). `code` and `klass` are libgit2's
/// `git_error_code` and `git_error_t`, kept for callers that log them; `reason` is what callers
/// branch on, so nobody has to parse messages.
public struct GitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is, for callers that react differently to each.
    public enum Reason: Sendable, Hashable {
        case notARepository
        case unknownRevision
        case ambiguousRevision
        case notACommit
        case pathNotFound
        case notADirectory
        case invalidObjectID
        case objectNotFound
        case remoteFailed
        /// A branch name that no local branch has.
        case unknownBranch
        /// HEAD names no branch (detached), so there is no branch to commit on.
        case detachedHead
        /// A merge commit cannot be reverted without choosing a mainline, and berth does not guess.
        case mergeCommit
        /// The commit is not in the branch's history, so there is nothing of it there to undo.
        case notOnBranch
        /// Undoing the commit conflicts with later commits; `paths` names the conflicting files.
        case revertConflict
        /// The branch already lacks the commit's change: a revert would be an empty commit.
        case nothingToRevert
        /// Uncommitted changes in the work tree or index would be overwritten; `paths` names them.
        case uncommittedChanges
        /// The branch moved while berth was writing it, so berth left it as the other writer did.
        case branchMoved
        /// The remote refused the push: it has commits this repository lacks, or it rejected the ref.
        case pushRejected
        /// Any other libgit2 failure; `code` and `message` say more.
        case other
    }

    public var reason: Reason
    public var code: Int32
    public var klass: Int32
    public var message: String
    public var context: String
    /// The files the failure is about, repository-relative, when it is about files (conflicts,
    /// uncommitted changes); empty otherwise.
    public var paths: [String] = []

    public init(reason: Reason, code: Int32, klass: Int32, message: String, context: String) {
        self.reason = reason
        self.code = code
        self.klass = klass
        self.message = message
        self.context = context
    }

    public var description: String {
        if context.isEmpty { return message }
        if message.isEmpty { return context }
        return "\(context): \(message)"
    }
}

extension GitError {
    /// The error libgit2 recorded for the failed call on this thread; libgit2 keeps it per thread, so
    /// this must be read right after the call, before any other libgit2 call.
    static func last(code: Int32, context: String) -> GitError {
        var message = "libgit2 error \(code)"
        var klass: Int32 = 0
        if let error = git_error_last() {
            if let text = error.pointee.message {
                message = String(cString: text).trimmingTrailingNewlines()
            }
            klass = error.pointee.klass
        }
        return GitError(
            reason: .other, code: code, klass: klass, message: message, context: context)
    }

    /// An error berth detects itself, where no libgit2 call failed.
    static func berth(_ reason: Reason, _ context: String, _ message: String) -> GitError {
        GitError(reason: reason, code: GIT_ERROR.rawValue, klass: 0, message: message, context: context)
    }

    /// This error naming the files it is about.
    func with(paths: [String]) -> GitError {
        var copy = self
        copy.paths = paths
        return copy
    }

    /// The same failure, re-described for the user.
    func with(reason: Reason, context: String, message: String? = nil) -> GitError {
        GitError(reason: reason, code: code, klass: klass, message: message ?? self.message, context: context)
            .with(paths: paths)
    }
}

/// Checks a libgit2 return code: negative means failure, with details in `git_error_last`.
/// Every libgit2 call that returns a code goes through here.
@discardableResult
func check(_ result: Int32, _ context: @autoclosure () -> String) throws(GitError) -> Int32 {
    guard result < 0 else { return result }
    throw GitError.last(code: result, context: context())
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var text = Substring(self)
        while let last = text.last, last == "\n" || last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
