import CGit2

extension GitRepository {
    /// Commits the undoing of `commit` on top of `branch` (default: the branch HEAD points to, which
    /// in a mirror is the remote's default branch), as `git revert` would, and returns the new commit.
    ///
    /// The revert is computed in memory against the branch tip, so a bare mirror works as well as a
    /// clone. When the repository has a work tree with that branch checked out, the files the revert
    /// changes are updated there and in the index; other files, including uncommitted edits to them,
    /// are left alone.
    ///
    /// Nothing is written when berth refuses: a merge commit (`.mergeCommit`), a commit outside the
    /// branch's history (`.notOnBranch`), a change later commits built on (`.revertConflict`, with
    /// `paths`), a change already undone (`.nothingToRevert`), or uncommitted changes to a file the
    /// revert touches (`.uncommittedChanges`, with `paths`).
    ///
    /// The author and committer are `author`, else the repository's configured user, else
    /// `berth <berth@localhost>`.
    public func revert(_ commit: String, onBranch branch: String? = nil, author: Signature? = nil) throws(GitError)
        -> CommitInfo
    {
        try locked { () throws(GitError) in
            let target = try self.branch(named: branch)
            let reverted = try lookupCommit(commit)
            let revertedID = git_commit_id(reverted.pointer).pointee.hex
            let summary = git_commit_summary(reverted.pointer).map { String(cString: $0) } ?? ""
            let context = "cannot revert \(revertedID.prefix(7)) (\"\(summary)\") on \(target.name) in \(path)"

            guard git_commit_parentcount(reverted.pointer) <= 1 else {
                throw GitError.berth(
                    .mergeCommit, context,
                    "it is a merge commit; reverting a merge commit needs a mainline; berth refuses it")
            }
            try requireInHistory(reverted, of: target, context: context)
            let tipTree = try tree(of: target.tip, context: context)
            let newTree = try revertedTree(reverted, onto: target.tip, context: context)
            let touched = try changedPaths(from: tipTree, to: newTree, under: "")
            guard !touched.isEmpty else {
                throw GitError.berth(
                    .nothingToRevert, context, "\(target.name) already lacks its change; a revert would change nothing")
            }
            let checkedOut = try isCheckedOut(target, context: context)
            if checkedOut { try requireUnmodified(touched, context: context) }

            let message = "Revert \"\(summary)\"\n\nThis reverts commit \(revertedID).\n"
            let created = try commitOnBranch(
                target, tree: newTree, message: message, author: author, context: context)
            if checkedOut {
                try updateWorkTree(touched, to: created, from: tipTree, branch: target.name, context: context)
            }
            return CommitInfo(created)
        }
    }

    /// A local branch and the commit at its tip, as found when berth started working on it.
    struct Branch {
        /// The short name, `main`.
        var name: String
        /// The full reference name, `refs/heads/main`.
        var reference: String
        var tip: CommitHandle
    }

    /// The branch `name` names, or the one HEAD points to when `name` is nil. The caller holds the lock.
    func branch(named name: String?) throws(GitError) -> Branch {
        let reference: String
        if let name {
            reference = name.hasPrefix("refs/heads/") ? name : "refs/heads/" + name
        } else {
            let head = ReferenceHandle(
                try created("cannot read HEAD of \(path)") { out in git_reference_lookup(out, handle.pointer, "HEAD") },
                owner: handle)
            guard git_reference_type(head.pointer) == GIT_REFERENCE_SYMBOLIC,
                let raw = git_reference_symbolic_target(head.pointer),
                case let target = String(cString: raw), target.hasPrefix("refs/heads/")
            else {
                throw GitError.berth(
                    .detachedHead, "cannot tell which branch to commit on in \(path)",
                    "HEAD is detached; name the branch")
            }
            reference = target
        }
        let short = String(reference.dropFirst("refs/heads/".count))
        let context = "no branch '\(short)' in \(path)"
        let ref: ReferenceHandle
        do {
            ref = ReferenceHandle(
                try created(context) { out in git_reference_lookup(out, handle.pointer, reference) }, owner: handle)
        } catch {
            guard error.code == GIT_ENOTFOUND.rawValue else { throw error }
            throw error.with(
                reason: .unknownBranch, context: context,
                message: name == nil ? "HEAD points to it, but it has no commits yet" : "no local branch has that name")
        }
        let tip = CommitHandle(
            try created("branch '\(short)' in \(path) does not point to a commit") { out in
                git_reference_peel(out, ref.pointer, GIT_OBJECT_COMMIT)
            }, owner: handle)
        return Branch(name: short, reference: reference, tip: tip)
    }

    private func requireInHistory(_ commit: CommitHandle, of branch: Branch, context: String) throws(GitError) {
        let id = git_commit_id(commit.pointer)
        let tipID = git_commit_id(branch.tip.pointer)
        if git_oid_equal(id, tipID) == 1 { return }
        let descends = try check(git_graph_descendant_of(handle.pointer, tipID, id), context)
        guard descends == 1 else {
            throw GitError.berth(.notOnBranch, context, "that commit is not in the history of \(branch.name)")
        }
    }

    /// The tip's tree with `commit`'s change undone, written to the object database; libgit2
    /// merges in memory, so no work tree or index is touched.
    private func revertedTree(_ commit: CommitHandle, onto tip: CommitHandle, context: String) throws(GitError)
        -> TreeHandle
    {
        let index = IndexHandle(
            try created(context) { out in git_revert_commit(out, handle.pointer, commit.pointer, tip.pointer, 0, nil) },
            owner: handle)
        if git_index_has_conflicts(index.pointer) == 1 {
            let paths = try conflictingPaths(index, context: context)
            throw GitError.berth(
                .revertConflict, context,
                "undoing it conflicts with later commits in \(paths.joined(separator: ", ")); "
                    + "revert it by hand and resolve the conflict"
            ).with(paths: paths)
        }
        var treeID = git_oid()
        try check(git_index_write_tree_to(&treeID, index.pointer, handle.pointer), context)
        return try lookupTree(&treeID, context: context)
    }

    private func conflictingPaths(_ index: IndexHandle, context: String) throws(GitError) -> [String] {
        let iterator = ConflictIteratorHandle(
            try created(context) { out in git_index_conflict_iterator_new(out, index.pointer) }, index: index)
        var paths: [String] = []
        while true {
            var ancestor: UnsafePointer<git_index_entry>?
            var ours: UnsafePointer<git_index_entry>?
            var theirs: UnsafePointer<git_index_entry>?
            let result = git_index_conflict_next(&ancestor, &ours, &theirs, iterator.pointer)
            if result == GIT_ITEROVER.rawValue { break }
            try check(result, context)
            // Each side may be missing (a file deleted on one side), but all name the same path.
            if let entry = ours ?? theirs ?? ancestor, let raw = entry.pointee.path {
                paths.append(String(cString: raw))
            }
        }
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Writes a commit of `tree` whose parent is the branch tip and moves the branch to it, only if
    /// the branch still points where it did when berth read it. The caller holds the lock.
    func commitOnBranch(_ branch: Branch, tree: TreeHandle, message: String, author: Signature?, context: String)
        throws(GitError) -> CommitHandle
    {
        let signature = try signature(author)
        var parents: [OpaquePointer?] = [branch.tip.pointer]
        var id = git_oid()
        try check(
            git_commit_create(
                &id, handle.pointer, nil, signature.pointer, signature.pointer, nil, message, tree.pointer,
                parents.count, &parents),
            context)
        let subject = message.prefix { $0 != "\n" }
        do {
            _ = ReferenceHandle(
                try created(context) { out in
                    git_reference_create_matching(
                        out, handle.pointer, branch.reference, &id, 1, git_commit_id(branch.tip.pointer),
                        "berth: \(subject)")
                }, owner: handle)
        } catch {
            guard error.code == GIT_EMODIFIED.rawValue else { throw error }
            throw error.with(
                reason: .branchMoved, context: context,
                message: "\(branch.name) moved while berth was committing; nothing was changed, try again")
        }
        return CommitHandle(
            try created(context) { out in git_commit_lookup(out, handle.pointer, &id) }, owner: handle)
    }
}
