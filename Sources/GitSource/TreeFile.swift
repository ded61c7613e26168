/// One entry of a commit's tree, as `git ls-tree -r` lists it.
public struct TreeFile: Sendable, Hashable {
    /// How git records the entry (its file mode).
    public enum Kind: Sendable, Hashable {
        /// A regular file (mode 100644).
        case file
        /// A file with the executable bit (mode 100755).
        case executable
        /// A symbolic link (mode 120000); its blob holds the link target, which berth never follows.
        case symlink
        /// A submodule (mode 160000); `blobID` is then the commit it points to, and `size` is 0.
        case submodule
    }

    /// Repository-relative path with `/` separators, for example `manifests/web/deploy.yaml`.
    public var path: String
    /// The 40-character hex id of the blob (of the commit, for a submodule).
    public var blobID: String
    public var kind: Kind

    public init(path: String, blobID: String, kind: Kind) {
        self.path = path
        self.blobID = blobID
        self.kind = kind
    }
}
