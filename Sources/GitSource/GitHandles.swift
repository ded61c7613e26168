import CGit2
import FoundationEssentials
import Glibc

// Each libgit2 object berth touches is owned by one of these classes, so it is freed exactly once
// whatever path the code leaves by. Objects that belong to a repository hold a strong reference
// to its handle: libgit2 requires the repository to outlive them, and ARC then frees them first.

/// Owns a `git_repository`.
final class RepositoryHandle {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_repository_free(pointer) }
}

/// Owns a `git_object` of any type (what rev-parse returns).
final class ObjectHandle {
    let pointer: OpaquePointer
    let owner: RepositoryHandle
    init(_ pointer: OpaquePointer, owner: RepositoryHandle) {
        self.pointer = pointer
        self.owner = owner
    }
    deinit { git_object_free(pointer) }
}

/// Owns a `git_commit`.
final class CommitHandle {
    let pointer: OpaquePointer
    let owner: RepositoryHandle
    init(_ pointer: OpaquePointer, owner: RepositoryHandle) {
        self.pointer = pointer
        self.owner = owner
    }
    deinit { git_commit_free(pointer) }
}

/// Owns a `git_tree`. Entries read by index belong to the tree and live as long as this handle.
final class TreeHandle {
    let pointer: OpaquePointer
    let owner: RepositoryHandle
    init(_ pointer: OpaquePointer, owner: RepositoryHandle) {
        self.pointer = pointer
        self.owner = owner
    }
    deinit { git_tree_free(pointer) }
}

/// Owns a `git_tree_entry` looked up by path (those, unlike entries read by index, are copies).
final class TreeEntryHandle {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_tree_entry_free(pointer) }
}

/// Owns a `git_blob`.
final class BlobHandle {
    let pointer: OpaquePointer
    let owner: RepositoryHandle
    init(_ pointer: OpaquePointer, owner: RepositoryHandle) {
        self.pointer = pointer
        self.owner = owner
    }
    deinit { git_blob_free(pointer) }
}

/// Owns a `git_odb`, the object database, used to read object sizes without loading contents.
final class ObjectDatabaseHandle {
    let pointer: OpaquePointer
    let owner: RepositoryHandle
    init(_ pointer: OpaquePointer, owner: RepositoryHandle) {
        self.pointer = pointer
        self.owner = owner
    }
    deinit { git_odb_free(pointer) }
}

/// Owns a `git_reference`.
final class ReferenceHandle {
    let pointer: OpaquePointer
    let owner: RepositoryHandle
    init(_ pointer: OpaquePointer, owner: RepositoryHandle) {
        self.pointer = pointer
        self.owner = owner
    }
    deinit { git_reference_free(pointer) }
}

/// Owns a `git_remote`; freeing it also closes any connection it holds.
final class RemoteHandle {
    let pointer: OpaquePointer
    let owner: RepositoryHandle
    init(_ pointer: OpaquePointer, owner: RepositoryHandle) {
        self.pointer = pointer
        self.owner = owner
    }
    deinit { git_remote_free(pointer) }
}

/// Owns the memory of a `git_buf` that libgit2 filled in.
final class BufferHandle {
    var buffer = git_buf()
    init() {}
    deinit { git_buf_dispose(&buffer) }

    var string: String {
        guard let pointer = buffer.ptr else { return "" }
        return String(cString: pointer)
    }
}

/// Runs a libgit2 call that creates an object through an out-pointer, checks its return code and
/// hands back the object, which the caller wraps in its owning handle straight away.
func created(
    _ context: @autoclosure () -> String,
    _ call: (UnsafeMutablePointer<OpaquePointer?>) -> Int32
) throws(GitError) -> OpaquePointer {
    var out: OpaquePointer?
    try check(call(&out), context())
    guard let out else {
        throw GitError.berth(.other, context(), "libgit2 reported success but returned no object")
    }
    return out
}

/// Owns a `git_index`, either the repository's own or an in-memory one such as a revert's result.
final class IndexHandle {
    let pointer: OpaquePointer
    let owner: RepositoryHandle
    init(_ pointer: OpaquePointer, owner: RepositoryHandle) {
        self.pointer = pointer
        self.owner = owner
    }
    deinit { git_index_free(pointer) }
}

/// Owns a `git_index_conflict_iterator`; it must not outlive the index it walks.
final class ConflictIteratorHandle {
    let pointer: OpaquePointer
    let index: IndexHandle
    init(_ pointer: OpaquePointer, index: IndexHandle) {
        self.pointer = pointer
        self.index = index
    }
    deinit { git_index_conflict_iterator_free(pointer) }
}

/// Owns a `git_status_list`. Entries read from it belong to it and live as long as this handle.
final class StatusListHandle {
    let pointer: OpaquePointer
    let owner: RepositoryHandle
    init(_ pointer: OpaquePointer, owner: RepositoryHandle) {
        self.pointer = pointer
        self.owner = owner
    }
    deinit { git_status_list_free(pointer) }
}

/// Owns a `git_signature` that libgit2 allocated.
final class SignatureHandle {
    let pointer: UnsafeMutablePointer<git_signature>
    init(_ pointer: UnsafeMutablePointer<git_signature>) { self.pointer = pointer }
    deinit { git_signature_free(pointer) }
}

/// Lends `strings` to libgit2 as a `git_strarray` (pathspecs, refspecs, checkout paths) for the
/// duration of `body`; the C copies are freed when it returns.
@discardableResult
func withStringArray<Result>(
    _ strings: [String], _ body: (UnsafeMutablePointer<git_strarray>) throws(GitError) -> Result
) throws(GitError) -> Result {
    var copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return try copies.withUnsafeMutableBufferPointer { buffer throws(GitError) in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}
