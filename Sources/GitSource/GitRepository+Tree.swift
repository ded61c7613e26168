import CGit2

extension GitRepository {
    /// Every entry under `folder` in the tree of the commit `revision` names, recursively, sorted by
    /// path (byte order, which is also git's own order). `folder` "" or "." is the whole tree.
    /// Submodules are listed, not entered.
    ///
    /// Throws `.pathNotFound` if `folder` is not in that commit, `.notADirectory` if it is a file.
    public func files(in revision: String, under folder: String) throws(GitError) -> [TreeFile] {
        try locked { () throws(GitError) in
            let commit = try lookupCommit(revision)
            let root = TreeHandle(
                try created("cannot read the tree of '\(revision)' in \(path)") { out in
                    git_commit_tree(out, commit.pointer)
                }, owner: handle)
            let prefix = Self.normalisedTreePath(folder)
            let tree = prefix.isEmpty ? root : try subtree(of: root, at: prefix, revision: revision)
            var files: [TreeFile] = []
            try collect(tree, prefix: prefix, into: &files)
            files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            return files
        }
    }

    /// `./manifests/`, `/manifests` and `manifests` all name the same folder; "" and "." the root.
    static func normalisedTreePath(_ folder: String) -> String {
        folder.split(separator: "/", omittingEmptySubsequences: true)
            .filter { $0 != "." }
            .joined(separator: "/")
    }

    func subtree(of root: TreeHandle, at folder: String, revision: String) throws(GitError) -> TreeHandle {
        let context = "cannot list '\(folder)' in '\(revision)' of \(path)"
        let entry: TreeEntryHandle
        do {
            entry = TreeEntryHandle(
                try created(context) { out in git_tree_entry_bypath(out, root.pointer, folder) })
        } catch {
            guard error.code == GIT_ENOTFOUND.rawValue else { throw error }
            throw error.with(
                reason: .pathNotFound, context: context,
                message: "no such path in that commit (is it committed, and spelled as in the repository?)")
        }
        let type = git_tree_entry_type(entry.pointer)
        guard type == GIT_OBJECT_TREE, let id = git_tree_entry_id(entry.pointer) else {
            let what = type == GIT_OBJECT_COMMIT ? "a submodule, which berth does not enter" : "a file, not a folder"
            throw GitError.berth(.notADirectory, context, "it is \(what)")
        }
        return try lookupTree(id, context: context)
    }

    func lookupTree(_ id: UnsafePointer<git_oid>, context: @autoclosure () -> String) throws(GitError)
        -> TreeHandle
    {
        TreeHandle(try created(context()) { out in git_tree_lookup(out, handle.pointer, id) }, owner: handle)
    }

    func collect(
        _ tree: TreeHandle, prefix: String, into files: inout [TreeFile]
    ) throws(GitError) {
        for index in 0..<git_tree_entrycount(tree.pointer) {
            // Entries read by index belong to `tree`, which outlives this loop body.
            guard let entry = git_tree_entry_byindex(tree.pointer, index),
                let id = git_tree_entry_id(entry), let rawName = git_tree_entry_name(entry)
            else { continue }
            let name = String(cString: rawName)
            let entryPath = prefix.isEmpty ? name : prefix + "/" + name
            guard let kind = Self.kind(of: entry) else {
                let child = try lookupTree(id, context: "cannot read folder '\(entryPath)' in \(path)")
                try collect(child, prefix: entryPath, into: &files)
                continue
            }
            files.append(TreeFile(path: entryPath, blobID: id.pointee.hex, kind: kind))
        }
    }

    /// What a tree entry is; nil for a folder.
    static func kind(of entry: OpaquePointer) -> TreeFile.Kind? {
        switch git_tree_entry_filemode(entry) {
        case GIT_FILEMODE_TREE: nil
        case GIT_FILEMODE_COMMIT: .submodule
        case GIT_FILEMODE_LINK: .symlink
        case GIT_FILEMODE_BLOB_EXECUTABLE: .executable
        default: .file
        }
    }

    /// The size in bytes of the blob with this id, from the object's header alone (the file is not
    /// loaded): listing a tree reads no blob, and a reader checks a limit before loading one.
    public func blobSize(_ id: String) throws(GitError) -> Int {
        let parsed = try ParsedObjectID(id)
        return try locked { () throws(GitError) in
            let database = ObjectDatabaseHandle(
                try created("cannot open the object database of \(path)") { out in
                    git_repository_odb(out, handle.pointer)
                }, owner: handle)
            var oid = parsed.oid
            var size = 0
            var type = GIT_OBJECT_ANY
            try check(git_odb_read_header(&size, &type, database.pointer, &oid), "cannot read blob \(id) in \(path)")
            return size
        }
    }
}
