import Resources

/// One manifest file as a source's last apply read it: its blob, the objects it held and the
/// warnings it raised (rendered, as they are printed).
public struct SourceFileRecord: Sendable, Hashable {
    public var path: String
    public var blob: String
    public var keys: [ObjectKey]
    public var warnings: [String]

    public init(path: String, blob: String, keys: [ObjectKey], warnings: [String]) {
        self.path = path
        self.blob = blob
        self.keys = keys
        self.warnings = warnings
    }
}

/// What a source's last apply read from git, and where the store stood once it was written; the
/// files themselves are read with `SQLiteStore.snapshotFiles(source:blobs:)`.
///
/// Every object of its files was in sync with the store at `storeRevision` (the apply made it so),
/// so the next run needs to parse only files whose blob differs and to diff only objects whose
/// stored `resourceVersion` is past `storeRevision` (or that are gone).
public struct SourceSnapshot: Sendable, Hashable {
    /// The commit the files were read from.
    public var revision: String
    /// Identifies the loader (decoding, validation, defaulting) that read them; another one means
    /// the snapshot cannot be trusted and every file is read again.
    public var loader: String
    public var storeRevision: Int64
    /// The manifest files of the commit (submodules with a manifest's name included).
    public var fileCount: Int
}

/// The part of a snapshot one apply writes: every file (`replacing`), or only the files read
/// again and the paths gone.
public struct SourceSnapshotUpdate: Sendable {
    public var revision: String
    public var loader: String
    public var files: [SourceFileRecord]
    public var removedPaths: [String]
    public var replacing: Bool
    public var fileCount: Int

    public init(
        revision: String, loader: String, files: [SourceFileRecord], removedPaths: [String], replacing: Bool,
        fileCount: Int
    ) {
        self.revision = revision
        self.loader = loader
        self.fileCount = fileCount
        self.files = files
        self.removedPaths = removedPaths
        self.replacing = replacing
    }
}
