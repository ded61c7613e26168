import CGit2

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
