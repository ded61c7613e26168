import CGit2

// berth reads manifests from commits, never from the work tree; these helpers exist so a commit
// berth writes on a checked-out branch (a revert) leaves the work tree as `git revert` would:
// the changed files updated, every other file untouched.

extension GitRepository {
    /// Whether this repository has a work tree with `branch` checked out (HEAD points to it).
    /// The caller holds the lock.
    func isCheckedOut(_ branch: Branch, context: String) throws(GitError) -> Bool {
        guard !isBare else { return false }
        let head = ReferenceHandle(
            try created(context) { out in git_reference_lookup(out, handle.pointer, "HEAD") }, owner: handle)
        guard git_reference_type(head.pointer) == GIT_REFERENCE_SYMBOLIC,
            let target = git_reference_symbolic_target(head.pointer)
        else { return false }
        return String(cString: target) == branch.reference
    }

    /// Refuses when the index or work tree holds anything uncommitted at `paths` (staged or not,
    /// including an untracked file where the commit would create one); changes elsewhere are fine.
    /// The caller holds the lock.
    func requireUnmodified(_ paths: [String], context: String) throws(GitError) {
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), context)
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags =
            GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH.rawValue
        let status = try withStringArray(paths) { array throws(GitError) in
            options.pathspec = array.pointee
            return StatusListHandle(
                try created(context) { out in git_status_list_new(out, handle.pointer, &options) }, owner: handle)
        }
        var dirty = Set<String>()
        for index in 0..<git_status_list_entrycount(status.pointer) {
            guard let entry = git_status_byindex(status.pointer, index),
                entry.pointee.status.rawValue != GIT_STATUS_CURRENT.rawValue
            else { continue }
            for delta in [entry.pointee.head_to_index, entry.pointee.index_to_workdir] {
                guard let delta else { continue }
                for file in [delta.pointee.old_file, delta.pointee.new_file] {
                    if let raw = file.path { dirty.insert(String(cString: raw)) }
                }
            }
        }
        let named = paths.filter(dirty.contains)
        guard named.isEmpty else {
            throw GitError.berth(
                .uncommittedChanges, context,
                "uncommitted changes in \(named.joined(separator: ", ")) would be overwritten by the revert; "
                    + "commit or stash them first"
            ).with(paths: named)
        }
    }

    /// Makes `paths` in the work tree and index match `commit`, after the branch moved to it from a
    /// commit whose tree was `baseline`. Only `paths` are touched, and `requireUnmodified` has
    /// checked they hold nothing uncommitted, so forcing them loses nothing. The caller holds the lock.
    func updateWorkTree(
        _ paths: [String], to commit: CommitHandle, from baseline: TreeHandle, branch: String, context: String
    ) throws(GitError) {
        let id = git_commit_id(commit.pointer).pointee.hex
        let failure =
            "the commit \(id.prefix(7)) is on \(branch), but the work tree could not be updated "
            + "(git checkout \(id.prefix(7)) -- <paths> finishes the job)"
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), failure)
        options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH.rawValue
        // The work tree was checked out from the old tip; HEAD already names the new commit, so
        // libgit2's default baseline (HEAD's tree) would describe the work tree wrongly.
        options.baseline = baseline.pointer
        try withStringArray(paths) { array throws(GitError) in
            options.paths = array.pointee
            try check(git_checkout_tree(handle.pointer, commit.pointer, &options), failure)
        }
    }
}
