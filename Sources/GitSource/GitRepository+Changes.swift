import CGit2

/// A file under a folder that differs between two commits: added (`old` nil), removed (`new`
/// nil), or another blob or kind.
public struct TreeChange: Sendable, Hashable {
    public var path: String
    public var old: TreeFile?
    public var new: TreeFile?
}

extension GitRepository {
    /// The files under `folder` that differ between the commits `old` and `new`, sorted by path.
    /// Both trees are walked side by side and only subfolders whose ids differ are entered, so an
    /// unchanged folder of any size costs one comparison; nothing is created for equal entries.
    /// Throws `.pathNotFound` when `folder` is not in `new` (`old` may lack it, or have a file there).
    public func changedFiles(from old: String, to new: String, under folder: String) throws(GitError) -> [TreeChange] {
        try locked { () throws(GitError) in
            let prefix = Self.normalisedTreePath(folder)
            let newRoot = try tree(of: new)
            let newTree = prefix.isEmpty ? newRoot : try subtree(of: newRoot, at: prefix, revision: new)
            return try changes(from: try folderTree(at: prefix, in: try tree(of: old)), to: newTree, prefix: prefix)
        }
    }

    /// The files under `prefix` that differ between two folders' trees (nil: no such folder), sorted
    /// by path. The caller holds the lock.
    func changes(from old: TreeHandle?, to new: TreeHandle?, prefix: String) throws(GitError) -> [TreeChange] {
        var changes: [TreeChange] = []
        try compare(old, new, prefix: prefix, into: &changes)
        changes.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return changes
    }

    /// The tree of the folder at `prefix` in `root` ("" is `root` itself); nil when there is no such
    /// folder (missing, or a file). The caller holds the lock.
    func folderTree(at prefix: String, in root: TreeHandle) throws(GitError) -> TreeHandle? {
        guard !prefix.isEmpty else { return root }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, root.pointer, prefix) == 0, let entry else { return nil }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE, let id = git_tree_entry_id(entry) else { return nil }
        return try lookupTree(id, context: "cannot read folder '\(prefix)' in \(path)")
    }

    private func compare(_ old: TreeHandle?, _ new: TreeHandle?, prefix: String, into changes: inout [TreeChange]) throws(GitError) {
        let oldCount = old.map { git_tree_entrycount($0.pointer) } ?? 0
        let newCount = new.map { git_tree_entrycount($0.pointer) } ?? 0
        var i = 0
        var j = 0
        while i < oldCount || j < newCount {
            let a = i < oldCount ? git_tree_entry_byindex(old!.pointer, i) : nil
            let b = j < newCount ? git_tree_entry_byindex(new!.pointer, j) : nil
            let order: Int32 =
                if let a, let b { git_tree_entry_cmp(a, b) } else { a == nil ? 1 : -1 }
            if order < 0 {
                try record(a!, side: .old, prefix: prefix, into: &changes)
                i += 1
            } else if order > 0 {
                try record(b!, side: .new, prefix: prefix, into: &changes)
                j += 1
            } else {
                let (a, b) = (a!, b!)
                i += 1
                j += 1
                let sameMode = git_tree_entry_filemode(a) == git_tree_entry_filemode(b)
                if sameMode, git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) != 0 { continue }
                if sameMode, Self.kind(of: a) == nil {  // the same folder with other contents
                    let name = String(cString: git_tree_entry_name(a))
                    let path = prefix.isEmpty ? name : prefix + "/" + name
                    try compare(
                        try lookupTree(git_tree_entry_id(a), context: "cannot read folder '\(path)' in \(self.path)"),
                        try lookupTree(git_tree_entry_id(b), context: "cannot read folder '\(path)' in \(self.path)"),
                        prefix: path, into: &changes)
                    continue
                }
                if let oldKind = Self.kind(of: a), let newKind = Self.kind(of: b) {  // another blob, or another kind
                    let name = String(cString: git_tree_entry_name(a))
                    let path = prefix.isEmpty ? name : prefix + "/" + name
                    changes.append(TreeChange(
                        path: path, old: TreeFile(path: path, blobID: git_tree_entry_id(a).pointee.hex, kind: oldKind),
                        new: TreeFile(path: path, blobID: git_tree_entry_id(b).pointee.hex, kind: newKind)))
                } else {  // a file turned folder or back: their paths differ
                    try record(a, side: .old, prefix: prefix, into: &changes)
                    try record(b, side: .new, prefix: prefix, into: &changes)
                }
            }
        }
    }

    private enum Side { case old, new }

    /// An entry on one side only: a file, or every file of a folder.
    private func record(_ entry: OpaquePointer, side: Side, prefix: String, into changes: inout [TreeChange]) throws(GitError) {
        let name = String(cString: git_tree_entry_name(entry))
        let path = prefix.isEmpty ? name : prefix + "/" + name
        var files: [TreeFile] = []
        if let kind = Self.kind(of: entry) {
            files = [TreeFile(path: path, blobID: git_tree_entry_id(entry).pointee.hex, kind: kind)]
        } else {
            try collect(try lookupTree(git_tree_entry_id(entry), context: "cannot read folder '\(path)' in \(self.path)"), prefix: path, into: &files)
        }
        changes += files.map { TreeChange(path: $0.path, old: side == .old ? $0 : nil, new: side == .new ? $0 : nil) }
    }
}
