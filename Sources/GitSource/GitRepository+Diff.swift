import CGit2

extension GitRepository {
    /// The files under `folder` that differ between the trees of two commits: added, modified,
    /// deleted, or changed in kind (a file turned symlink). `from` nil compares against nothing, so
    /// every file under `folder` in `to` is listed. Paths are repository-relative and sorted.
    ///
    /// Renames are not detected: a moved file is listed at both its old and its new path, which is
    /// what a cache keyed by path needs to drop the one and load the other.
    public func changedPaths(from: String?, to: String, under folder: String) throws(GitError) -> [String] {
        try locked { () throws(GitError) in
            let old = try from.map { revision throws(GitError) in try tree(of: revision) }
            let new = try tree(of: to)
            return try changedPaths(from: old, to: new, under: folder)
        }
    }

    /// The root tree of the commit `revision` names. The caller holds the lock.
    func tree(of revision: String) throws(GitError) -> TreeHandle {
        let commit = try lookupCommit(revision)
        return try tree(of: commit, context: "cannot read the tree of '\(revision)' in \(path)")
    }

    /// The root tree of `commit`; a commit's tree is always present in a valid repository, but a
    /// shallow or damaged one can lack it. The caller holds the lock.
    func tree(of commit: CommitHandle, context: @autoclosure () -> String) throws(GitError) -> TreeHandle {
        TreeHandle(try created(context()) { out in git_commit_tree(out, commit.pointer) }, owner: handle)
    }

    /// The paths under `folder` that differ between two trees (`old` nil is the empty tree).
    /// The caller holds the lock.
    func changedPaths(from old: TreeHandle?, to new: TreeHandle, under folder: String) throws(GitError) -> [String] {
        let prefix = Self.normalisedTreePath(folder)
        let context = "cannot compare trees under '\(prefix.isEmpty ? "." : prefix)' in \(path)"
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), context)
        // Literal paths, not glob patterns: a folder named `a[1]` means itself. The trailing slash
        // makes `manifests` match only that folder, never a neighbour like `manifests-extra`.
        options.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue
        let pathspec = prefix.isEmpty ? [] : [prefix + "/"]
        let diff = try withStringArray(pathspec) { array throws(GitError) in
            options.pathspec = array.pointee
            return DiffHandle(
                try created(context) { out in
                    git_diff_tree_to_tree(out, handle.pointer, old?.pointer, new.pointer, &options)
                }, owner: handle)
        }
        var paths = Set<String>()
        for index in 0..<git_diff_num_deltas(diff.pointer) {
            guard let delta = git_diff_get_delta(diff.pointer, index) else { continue }
            for file in [delta.pointee.old_file, delta.pointee.new_file] {
                // One side of an addition or deletion has no file, but libgit2 still fills in its path.
                guard let raw = file.path else { continue }
                let changed = String(cString: raw)
                if prefix.isEmpty || changed.hasPrefix(prefix + "/") { paths.insert(changed) }
            }
        }
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
