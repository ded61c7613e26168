import GitSource
import Manifests
import Resources
import Store

/// The objects of one commit under one path, ready to plan.
public struct LoadedSource: Sendable {
    public var commit: CommitInfo
    public var path: String
    /// Every object of the commit's manifests, in file order.
    public var keys: [ObjectKey]
    /// The objects read from git by this run: all of them, or, when the last apply's snapshot let
    /// the run skip the files whose blob did not change, those of the changed files.
    public var objects: [DesiredObject]
    public var warnings: [SourceIssue]
    public var fileCount: Int
    /// The store revision every object of an unread file was in sync at; nil when every file was read.
    public var baseline: Int64?
    /// What an apply of this source records for the next run.
    var snapshot: SourceSnapshotUpdate
}

/// Reads a commit's manifests through libgit2 and libyaml, validates and defaults every object.
/// Every problem in every file is collected, so one run shows them all; any error refuses the commit.
///
/// Given the snapshot of the last apply, only the files whose blob changed are read; anything
/// unusual there (an issue, an object defined twice) makes the caller read every file again, so
/// errors are always reported as a full read reports them.
enum SourceLoader {
    /// Identifies what this loader produces in snapshots: change it whenever decoding, validation
    /// or defaulting gives a different object or warning for the same file.
    static let version = "1"

    static func loader(_ limits: DecodeLimits) -> String {
        "\(version) \(limits.maxFileBytes) \(limits.maxAliasExpansion) \(limits.maxDepth)"
    }

    static func load(
        repository: GitRepository, revision: String, path: String, limits: DecodeLimits, registry: KindRegistry,
        snapshot: SourceSnapshot?
    ) throws -> LoadedSource {
        let commit: CommitInfo
        let files: [TreeFile]
        do {
            commit = try repository.resolve(revision)
            files = try repository.files(in: commit.id, under: path).filter { isManifest($0.path) }
        } catch {
            throw ReconcileError(error.description)
        }
        let context = Context(repository: repository, limits: limits, registry: registry)
        if let snapshot, snapshot.loader == loader(limits),
            let source = incremental(commit: commit, path: path, files: files, snapshot: snapshot, context: context)
        {
            return source
        }
        return try full(commit: commit, path: path, files: files, context: context)
    }

    static func isManifest(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }

    struct Context {
        var repository: GitRepository
        var limits: DecodeLimits
        var registry: KindRegistry
    }

    /// What one file gave, in document order: objects and issues as they came, then its warnings.
    struct FileResult {
        enum Item {
            case object(DesiredObject)
            case issue(SourceIssue)
        }
        var file: TreeFile
        var items: [Item] = []
        var warnings: [SourceIssue] = []

        var isClean: Bool { !items.contains { if case .issue = $0 { true } else { false } } }
        var objects: [DesiredObject] { items.compactMap { if case .object(let object) = $0 { object } else { nil } } }

        var record: SourceFileRecord {
            SourceFileRecord(
                path: file.path, blob: file.blobID, keys: objects.map(\.key), warnings: warnings.map(\.description))
        }
    }

    private static func full(commit: CommitInfo, path: String, files: [TreeFile], context: Context) throws -> LoadedSource {
        var issues: [SourceIssue] = []
        var warnings: [SourceIssue] = []
        var objects: [DesiredObject] = []
        var seen: [ObjectKey: SourceLocation] = [:]
        var records: [SourceFileRecord] = []
        for result in read(files, context: context) {
            for item in result.items {
                switch item {
                case .issue(let issue):
                    issues.append(issue)
                case .object(let object):
                    if let first = seen[object.key] {
                        issues.append(SourceIssue(location: object.location, message: "duplicate object \(object.key): also defined at \(first)"))
                    } else {
                        seen[object.key] = object.location
                        objects.append(object)
                    }
                }
            }
            warnings += result.warnings
            if result.file.kind != .submodule { records.append(result.record) }
        }
        if !issues.isEmpty {
            throw ReconcileError(issues, hint: "nothing was applied; fix the manifests and commit again")
        }
        return LoadedSource(
            commit: commit, path: path, keys: objects.map(\.key), objects: objects, warnings: warnings,
            fileCount: files.count, baseline: nil,
            snapshot: SourceSnapshotUpdate(
                revision: commit.id, loader: loader(context.limits), files: records, removedPaths: [], replacing: true))
    }

    /// Reads only the files whose blob is not the one the snapshot recorded; nil when anything
    /// needs a full read to be reported properly.
    private static func incremental(
        commit: CommitInfo, path: String, files: [TreeFile], snapshot: SourceSnapshot, context: Context
    ) -> LoadedSource? {
        let fileCount = files.count
        let files = files.filter { $0.kind != .submodule }
        let changed = files.filter { snapshot.files[$0.path]?.blob != $0.blobID }
        let results = read(changed, context: context)
        guard results.allSatisfy(\.isClean) else { return nil }
        let fresh = Dictionary(uniqueKeysWithValues: results.map { ($0.file.path, $0) })

        var keys: [ObjectKey] = []
        var warnings: [SourceIssue] = []
        var unread: [ObjectKey] = []
        for file in files {
            if let result = fresh[file.path] {
                keys += result.objects.map(\.key)
                warnings += result.warnings
            } else if let record = snapshot.files[file.path] {
                keys += record.keys
                unread += record.keys
                warnings += record.warnings.map { SourceIssue(location: nil, message: $0) }
            }
        }
        // The unread files' objects were unique when they were applied; the objects read now must
        // be unique too, and none of them defined in an unread file.
        let read = Set(results.flatMap(\.objects).map(\.key))
        guard read.count == keys.count - unread.count, !unread.contains(where: read.contains) else { return nil }
        let present = Set(files.map(\.path))
        return LoadedSource(
            commit: commit, path: path, keys: keys, objects: results.flatMap(\.objects), warnings: warnings,
            fileCount: fileCount, baseline: snapshot.storeRevision,
            snapshot: SourceSnapshotUpdate(
                revision: commit.id, loader: loader(context.limits), files: results.map(\.record),
                removedPaths: snapshot.files.keys.filter { !present.contains($0) }.sorted(), replacing: false))
    }

    /// Reads and checks each file on its own, in order.
    static func read(_ files: [TreeFile], context: Context) -> [FileResult] {
        files.map { read($0, context: context) }
    }

    private static func read(_ file: TreeFile, context: Context) -> FileResult {
        var result = FileResult(file: file)
        let fileStart = SourceLocation(file: file.path, line: 1, column: 1)
        switch file.kind {
        case .symlink:
            result.items.append(.issue(SourceIssue(location: fileStart, message: "is a symbolic link; manifests must be regular files in the commit (berth does not follow links)")))
            return result
        case .submodule:
            return result
        case .file, .executable:
            break
        }
        let documents: [YAMLDocument]
        do {
            let size = try context.repository.blobSize(file.blobID)
            guard size <= context.limits.maxFileBytes else {
                result.items.append(.issue(SourceIssue(location: fileStart, message: "file is \(size) bytes, over the limit of \(context.limits.maxFileBytes) bytes per manifest file")))
                return result
            }
            let bytes = try context.repository.blob(file.blobID)
            documents = try YAMLDecoder.decodeAll(bytes, file: file.path, limits: context.limits)
        } catch let error as ManifestError {
            result.items.append(.issue(SourceIssue(location: error.location, message: error.message)))
            return result
        } catch {
            result.items.append(.issue(SourceIssue(location: fileStart, message: "\(error)")))
            return result
        }
        for document in documents { check(document, registry: context.registry, into: &result) }
        return result
    }

    private static func check(_ document: YAMLDocument, registry: KindRegistry, into result: inout FileResult) {
        guard document.value.objectValue != nil else {
            result.items.append(.issue(SourceIssue(location: document.location, message: "document \(document.index + 1) is a \(document.value.typeName), expected a mapping (a Kubernetes object with apiVersion, kind and metadata)")))
            return
        }
        let report = Validation.validate(document.value)
        if !report.errors.isEmpty || !report.warnings.isEmpty {
            // One extra parse of the file finds every position (the decoding pass records none).
            let all = report.errors + report.warnings
            let located = zip(all, document.locations(of: all.map(\.path))).map { issue, location in
                SourceIssue(location: location, field: issue.path, message: issue.message)
            }
            result.items += located.prefix(report.errors.count).map { .issue($0) }
            result.warnings += located.dropFirst(report.errors.count)
        }
        guard report.errors.isEmpty else { return }
        var value = document.value
        Defaulting.apply(to: &value)
        guard let key = value.objectKey, let apiVersion = value["apiVersion"]?.stringValue else { return }
        result.items.append(
            .object(
                DesiredObject(
                    key: key, apiVersion: apiVersion, value: value, document: document,
                    isBuiltIn: registry.info(apiVersion: apiVersion, kind: key.kind) != nil)))
    }
}
