import CGit2
import FoundationEssentials
import Synchronization

/// Serialises mirror updates within this process, so two callers mirroring the same URL at once
/// cannot interleave an init or a ref update. Other processes sharing the cache are not covered.
private let mirrorLock = Mutex(())

extension GitRepository {
    /// The remote every mirror fetches from, named as git names it so the mirror reads naturally
    /// with the git command line too.
    static let mirrorRemoteName = "origin"

    /// Branches are fetched twice: as local branches, so `main` resolves in the mirror just as in a
    /// clone, and as remote-tracking branches, so `origin/main` does too. Tags come as they are.
    /// Every refspec force-updates: the remote is the truth, even after a force-push.
    static let mirrorRefspecs = [
        "+refs/heads/*:refs/heads/*",
        "+refs/heads/*:refs/remotes/origin/*",
        "+refs/tags/*:refs/tags/*",
    ]

    /// A bare mirror of `url` (`file://…` or any transport libgit2 has) inside `cacheDirectory`:
    /// made and fetched on first use, fetched again on every later use. Refs deleted upstream are
    /// pruned; `HEAD` follows the remote's default branch, whatever it is called.
    ///
    /// Remotes that need credentials are not supported yet: no credential callback is installed.
    public static func mirror(url: String, cacheDirectory: String) throws(GitError) -> GitRepository {
        try ensureLibgit2()
        let folder = trimmingTrailingSlash(cacheDirectory) + "/" + MirrorLocation.folderName(for: url)
        return try mirrorLock.withLock { (_) throws(GitError) -> GitRepository in
            let repository = try openOrCreateMirror(at: folder)
            let remote = try mirrorRemote(in: repository, url: url, folder: folder)
            try fetch(remote, into: repository, url: url, folder: folder)
            return GitRepository(handle: repository)
        }
    }

    private static func openOrCreateMirror(at folder: String) throws(GitError) -> RepositoryHandle {
        do {
            return RepositoryHandle(
                try created("cannot open the mirror at \(folder)") { out in
                    git_repository_open_ext(out, folder, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
                })
        } catch {
            guard error.code == GIT_ENOTFOUND.rawValue else { throw error }
        }
        var options = git_repository_init_options()
        try check(
            git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)),
            "cannot prepare a mirror at \(folder)")
        options.flags = GIT_REPOSITORY_INIT_BARE.rawValue | GIT_REPOSITORY_INIT_MKPATH.rawValue
        return RepositoryHandle(
            try created("cannot create a mirror at \(folder)") { out in
                git_repository_init_ext(out, folder, &options)
            })
    }

    private static func mirrorRemote(in repository: RepositoryHandle, url: String, folder: String) throws(GitError)
        -> RemoteHandle
    {
        let context = "cannot set up remote '\(mirrorRemoteName)' for \(url) in \(folder)"
        do {
            let existing = RemoteHandle(
                try created(context) { out in git_remote_lookup(out, repository.pointer, mirrorRemoteName) },
                owner: repository)
            let currentURL = git_remote_url(existing.pointer).map { String(cString: $0) }
            if currentURL == url { return existing }
            try check(git_remote_set_url(repository.pointer, mirrorRemoteName, url), context)
        } catch {
            guard error.code == GIT_ENOTFOUND.rawValue else { throw error }
            guard let fetchAll = mirrorRefspecs.first else { throw error }
            _ = RemoteHandle(
                try created(context) { out in
                    git_remote_create_with_fetchspec(out, repository.pointer, mirrorRemoteName, url, fetchAll)
                }, owner: repository)
            for refspec in mirrorRefspecs.dropFirst() {
                try check(git_remote_add_fetch(repository.pointer, mirrorRemoteName, refspec), context)
            }
        }
        // Refspec and URL changes go to the configuration; a fresh lookup sees them.
        return RemoteHandle(
            try created(context) { out in git_remote_lookup(out, repository.pointer, mirrorRemoteName) },
            owner: repository)
    }

    /// Connects once and, on that connection, learns the remote's default branch, downloads,
    /// updates refs and prunes; `git_remote_fetch` would disconnect before the default branch
    /// could be asked for.
    private static func fetch(_ remote: RemoteHandle, into repository: RepositoryHandle, url: String, folder: String)
        throws(GitError)
    {
        let context = "cannot fetch \(url) into \(folder)"
        var callbacks = git_remote_callbacks()
        try check(git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION)), context)
        var options = git_fetch_options()
        try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), context)
        options.prune = GIT_FETCH_PRUNE
        options.update_fetchhead = 0
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE

        defer { git_remote_disconnect(remote.pointer) }
        do throws(GitError) {
            try check(git_remote_connect(remote.pointer, GIT_DIRECTION_FETCH, &callbacks, nil, nil), context)
            let defaultBranch = try remoteDefaultBranch(remote, context: context)
            try check(git_remote_download(remote.pointer, nil, &options), context)
            try check(
                git_remote_update_tips(remote.pointer, &callbacks, 0, GIT_REMOTE_DOWNLOAD_TAGS_NONE, "berth: fetch"),
                context)
            try check(git_remote_prune(remote.pointer, &callbacks), context)
            if let defaultBranch {
                try pointHead(of: repository, at: defaultBranch, folder: folder)
            }
        } catch {
            throw error.with(reason: .remoteFailed, context: error.context)
        }
    }

    /// The remote's HEAD as a branch name (`refs/heads/trunk`), or nil when the remote has none to
    /// offer (an empty repository, or a detached HEAD that no branch matches).
    private static func remoteDefaultBranch(_ remote: RemoteHandle, context: String) throws(GitError) -> String? {
        let buffer = BufferHandle()
        do {
            try check(git_remote_default_branch(&buffer.buffer, remote.pointer), context)
        } catch {
            guard error.code == GIT_ENOTFOUND.rawValue else { throw error }
            return nil
        }
        let name = buffer.string
        return name.hasPrefix("refs/heads/") ? name : nil
    }

    private static func pointHead(of repository: RepositoryHandle, at branch: String, folder: String) throws(GitError) {
        let context = "cannot point HEAD of the mirror at \(folder) to \(branch)"
        try check(git_repository_set_head(repository.pointer, branch), context)
        let name = branch.dropFirst("refs/heads/".count)
        let tracking = "refs/remotes/\(mirrorRemoteName)/\(name)"
        _ = ReferenceHandle(
            try created(context) { out in
                git_reference_symbolic_create(
                    out, repository.pointer, "refs/remotes/\(mirrorRemoteName)/HEAD", tracking, 1, "berth: remote HEAD")
            }, owner: repository)
    }
}
