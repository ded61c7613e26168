import CGit2

extension GitRepository {
    /// The files under `folder` that differ between the trees of two commits: added, modified,
    /// deleted, or changed in kind (a file turned symlink). `from` nil compares against nothing, so
    /// every file under `folder` in `to` is listed; a commit without the folder counts as empty.
    /// Paths are repository-relative and sorted.
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

    /// The paths under `folder` that differ between two trees (`old` nil is the empty tree); a side
    /// without that folder counts as empty. The caller holds the lock.
    func changedPaths(from old: TreeHandle?, to new: TreeHandle, under folder: String) throws(GitError) -> [String] {
        let prefix = Self.normalisedTreePath(folder)
        let oldFolder = try old.flatMap { tree throws(GitError) in try folderTree(at: prefix, in: tree) }
        return try changes(from: oldFolder, to: try folderTree(at: prefix, in: new), prefix: prefix).map(\.path)
    }
}
