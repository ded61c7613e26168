import CGit2

/// libgit2 wants `git_libgit2_init` once before any other call. A global `let` is initialised
/// lazily and exactly once even when first touched from several threads at the same time, so it
/// carries the call. libgit2 is never shut down: berth uses it for the life of the process.
private let libgit2InitResult: Int32 = git_libgit2_init()

/// Makes sure libgit2 is initialised; every entry point that creates a repository calls this.
func ensureLibgit2() throws(GitError) {
    try check(libgit2InitResult, "cannot initialise libgit2")
}
