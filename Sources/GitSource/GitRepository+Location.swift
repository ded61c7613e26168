import CGit2

extension GitRepository {
    /// The repository's own folder (`.git` of a work tree, the folder of a bare repository), where
    /// its refs live: what a watcher listens on for new commits.
    public var gitDirectory: String {
        guard let raw = git_repository_path(handle.pointer) else { return path }
        let text = String(cString: raw)
        return text.count > 1 && text.hasSuffix("/") ? String(text.dropLast()) : text
    }
}

extension GitRepository {
    /// The branch HEAD points to (in a mirror, the remote's default branch).
    public func currentBranch() throws(GitError) -> String {
        try locked { () throws(GitError) in try branch(named: nil).name }
    }
}
