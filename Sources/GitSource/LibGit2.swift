import CGit2
import Glibc

/// libgit2 wants `git_libgit2_init` once before any other call. A global `let` is initialised
/// lazily and exactly once even when first touched from several threads at the same time, so it
/// carries the call. libgit2 is never shut down: berth uses it for the life of the process.
///
/// Objects read are not hashed again to check their ids, as git itself does not on a read (its
/// fsck does): that check cost a SHA-1 of every blob of a full read.
private let libgit2InitResult: Int32 = {
    let result = git_libgit2_init()
    return result < 0 ? result : berth_git_set_strict_hash_verification(0)
}()

/// Makes sure libgit2 is initialised; every entry point that creates a repository calls this.
func ensureLibgit2() throws(GitError) {
    try check(libgit2InitResult, "cannot initialise libgit2")
}

public enum GitLibrary {
    /// Starts libgit2's set-up on another thread and returns at once. The set-up takes a few
    /// milliseconds (its TLS layer parses the system's CA bundle); a command that will read git
    /// calls this first thing, so the set-up runs on a second core while the arguments are parsed.
    /// The first repository opened waits for it if it is not done yet.
    public static func prepareInBackground() {
        var thread = pthread_t()
        if pthread_create(&thread, nil, { _ in _ = libgit2InitResult; return nil }, nil) == 0 { pthread_detach(thread) }
    }
}
