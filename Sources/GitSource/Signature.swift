import CGit2

/// Who made a commit berth writes, and when: git's author or committer line.
public struct Signature: Sendable, Hashable {
    public var name: String
    public var email: String
    /// Seconds since 1970; nil means the moment the commit is made.
    public var time: Int64?
    /// The author's time zone as minutes east of UTC (git's `+0100` is 60).
    public var timeZoneOffsetMinutes: Int32

    public init(name: String, email: String, time: Int64? = nil, timeZoneOffsetMinutes: Int32 = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
    }

    /// Whom berth commits as when neither the caller nor the repository's configuration says.
    public static let berth = Signature(name: "berth", email: "berth@localhost")
}

extension Signature {
    /// The libgit2 form of this signature. libgit2 refuses empty names and emails, and names or
    /// emails containing angle brackets, with its own message.
    func handle() throws(GitError) -> SignatureHandle {
        let context = "invalid signature '\(name) <\(email)>'"
        var out: UnsafeMutablePointer<git_signature>?
        if let time {
            try check(git_signature_new(&out, name, email, git_time_t(time), timeZoneOffsetMinutes), context)
        } else {
            try check(git_signature_now(&out, name, email), context)
        }
        guard let out else { throw GitError.berth(.other, context, "libgit2 returned no signature") }
        return SignatureHandle(out)
    }
}

extension GitRepository {
    /// The given signature, else the repository's configured `user.name` and `user.email` (as
    /// `git commit` would use), else `berth <berth@localhost>`. The caller holds the lock.
    func signature(_ given: Signature?) throws(GitError) -> SignatureHandle {
        if let given { return try given.handle() }
        var out: UnsafeMutablePointer<git_signature>?
        do {
            try check(git_signature_default(&out, handle.pointer), "no configured identity in \(path)")
            if let out { return SignatureHandle(out) }
        } catch {
            // Missing or unusable configuration is not an error here: berth has its own identity.
        }
        return try Signature.berth.handle()
    }
}
