import Dispatch
import FoundationEssentials
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

/// What a list of manifest files holds: the objects ready to plan and every problem found, in the
/// order of the files and of the documents in each file.
public struct LoadedManifests: Sendable {
    public var objects: [DesiredObject] = []
    /// Errors: any of them refuses the commit.
    public var issues: [SourceIssue] = []
    public var warnings: [SourceIssue] = []
}

/// Reads a commit's manifests through libgit2 and libyaml, validates and defaults every object.
/// Every problem in every file is collected, so one run shows them all; any error refuses the commit.
///
/// Files are read and decoded in parallel on all cores; what they yield is put together in file
/// order, so objects, issues and warnings come as one thread would give them.
///
/// Given the snapshot of the last apply, only the files whose blob changed are read; anything
/// unusual there (an issue, an object defined twice) makes the caller read every file again, so
/// errors are always reported as a full read reports them.
public enum SourceLoader {
    /// Identifies what this loader produces in snapshots: change it whenever decoding, validation
    /// or defaulting gives a different object or warning for the same file.
    static let version = "1"

    static func loader(_ limits: DecodeLimits) -> String {
        "\(version) \(limits.maxFileBytes) \(limits.maxAliasExpansion) \(limits.maxDepth)"
    }

    /// The snapshot of the last apply, and a way to read its files (nil when the snapshot was
    /// replaced meanwhile): `blobs` false leaves the blob ids out.
    struct Baseline {
        var snapshot: SourceSnapshot
        var files: (_ blobs: Bool) throws -> [SourceFileRecord]?
    }

    static func load(
        repository: GitRepository, revision: String, path: String, limits: DecodeLimits, registry: KindRegistry,
        baseline: Baseline?
    ) throws -> LoadedSource {
        let commit: CommitInfo
        do {
            commit = try repository.resolve(revision)
        } catch {
            throw ReconcileError(error.description)
        }
        let context = Context(repository: repository, limits: limits, registry: registry)
        let baseline = baseline.flatMap { $0.snapshot.loader == loader(limits) ? $0 : nil }
        if let baseline, let source = changes(since: baseline, commit: commit, path: path, context: context) {
            return source
        }
        let files: [TreeFile]
        do {
            files = try repository.files(in: commit.id, under: path).filter { isManifest($0.path) }
        } catch {
            throw ReconcileError(error.description)
        }
        if let baseline, let records = try? baseline.files(true),
            let source = incremental(
                commit: commit, path: path, files: files, baseline: baseline.snapshot,
                recorded: Dictionary(records.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a }), context: context)
        {
            return source
        }
        return try full(commit: commit, path: path, files: files, context: context)
    }

    /// `*.yaml` or `*.yml`, in any case.
    static func isManifest(_ path: String) -> Bool {
        let tail = path.utf8.suffix(5).map { (65...90).contains($0) ? $0 | 0x20 : $0 }  // A-Z to lower case
        return tail.elementsEqual(".yaml".utf8) || tail.dropFirst().elementsEqual(".yml".utf8)
    }

    struct Context {
        var repository: GitRepository
        var limits: DecodeLimits
        var registry: KindRegistry
    }

    /// What one file yields, in document order: objects and issues as they came, then its warnings.
    /// Objects are not yet checked against other files' (`merge` does that, in file order).
    struct FileOutcome: Sendable {
        enum Item: Sendable {
            case object(DesiredObject)
            case issue(SourceIssue)
        }
        var items: [Item] = []
        var warnings: [SourceIssue] = []

        var isClean: Bool { !items.contains { if case .issue = $0 { true } else { false } } }
        var objects: [DesiredObject] { items.compactMap { if case .object(let object) = $0 { object } else { nil } } }
    }

    /// One file of the commit and what it yielded.
    struct FileResult {
        var file: TreeFile
        var outcome: FileOutcome

        var record: SourceFileRecord {
            SourceFileRecord(
                path: file.path, blob: file.blobID, keys: outcome.objects.map(\.key),
                warnings: outcome.warnings.map(\.description))
        }
    }

    /// Decodes, validates and defaults every document of these files (path and bytes each), as
    /// berth does for a commit: the files are spread over all cores, and the result is in file order.
    public static func load(
        files: [(path: String, bytes: [UInt8])], limits: DecodeLimits = .default, registry: KindRegistry = .builtIn
    ) -> LoadedManifests {
        var loaded = LoadedManifests()
        var seen: [ObjectKey: SourceLocation] = [:]
        for outcome in decode(files, limits: limits, registry: registry) {
            merge(outcome, seen: &seen, objects: &loaded.objects, issues: &loaded.issues)
            loaded.warnings += outcome.warnings
        }
        return loaded
    }

    /// Adds one file's objects and issues; an object defined again is an error at its second place.
    private static func merge(
        _ outcome: FileOutcome, seen: inout [ObjectKey: SourceLocation], objects: inout [DesiredObject],
        issues: inout [SourceIssue]
    ) {
        for item in outcome.items {
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
    }

    private static func full(commit: CommitInfo, path: String, files: [TreeFile], context: Context) throws -> LoadedSource {
        var issues: [SourceIssue] = []
        var warnings: [SourceIssue] = []
        var objects: [DesiredObject] = []
        var seen: [ObjectKey: SourceLocation] = [:]
        var records: [SourceFileRecord] = []
        for result in read(files, context: context) {
            merge(result.outcome, seen: &seen, objects: &objects, issues: &issues)
            warnings += result.outcome.warnings
            if result.file.kind != .submodule { records.append(result.record) }
        }
        if !issues.isEmpty {
            throw ReconcileError(issues, hint: "nothing was applied; fix the manifests and commit again")
        }
        return LoadedSource(
            commit: commit, path: path, keys: objects.map(\.key), objects: objects, warnings: warnings,
            fileCount: files.count, baseline: nil,
            snapshot: SourceSnapshotUpdate(
                revision: commit.id, loader: loader(context.limits), files: records, removedPaths: [], replacing: true,
                fileCount: files.count))
    }

    /// Reads only the files git says changed since the snapshot's commit (none when it is the same
    /// commit), without listing the tree; nil when git cannot tell (the old commit is gone) or
    /// anything needs a full read to be reported properly.
    private static func changes(
        since baseline: Baseline, commit: CommitInfo, path: String, context: Context
    ) -> LoadedSource? {
        let snapshot = baseline.snapshot
        // git's side (the tree walk) and the store's (the snapshot's rows) at the same time.
        let (changes, rows) = bothAtOnce(
            { snapshot.revision == commit.id ? [] : try? context.repository.changedFiles(from: snapshot.revision, to: commit.id, under: path) },
            { try? baseline.files(false) })
        guard let changes, let rows else { return nil }
        var changed: [String] = []
        var now: [String: TreeFile] = [:]
        var before: [String: TreeFile] = [:]
        for change in changes where isManifest(change.path) {
            changed.append(change.path)
            now[change.path] = change.new
            before[change.path] = change.old
        }
        // A link or a submodule under the path: the full read reports or counts it.
        guard now.values.allSatisfy({ $0.kind == .file || $0.kind == .executable }) else { return nil }
        let present = changed.compactMap { now[$0] }
        let results = read(present, context: context)
        guard results.allSatisfy(\.outcome.isClean) else { return nil }

        // The recorded files and the files read now, in path order. Rows, changed paths and results
        // are each sorted by path bytes, so one pass merges them (dropping the changed paths' rows).
        var pieces: [Piece] = []
        pieces.reserveCapacity(rows.count + results.count)
        var next = 0
        var nextChanged = 0
        for index in rows.indices {
            let path = rows[index].path
            while nextChanged < changed.count, changed[nextChanged].utf8.lexicographicallyPrecedes(path.utf8) { nextChanged += 1 }
            if nextChanged < changed.count, changed[nextChanged] == path { continue }  // read again, or gone
            while next < results.count, results[next].file.path.utf8.lexicographicallyPrecedes(path.utf8) {
                pieces.append(.read(next))
                next += 1
            }
            pieces.append(.recorded(index))
        }
        pieces += (next..<results.count).map { .read($0) }
        let added = changed.filter { now[$0] != nil && before[$0] == nil }.count
        let deleted = changed.filter { now[$0] == nil && before[$0] != nil }.count
        let fileCount = snapshot.fileCount + added - deleted
        guard fileCount > 0 else { return nil }  // the full read says why the path holds no manifest
        return assemble(
            pieces, rows: rows, results: results, commit: commit, path: path, snapshot: snapshot,
            removed: changed.filter { now[$0] == nil }, fileCount: fileCount, context: context)
    }

    /// Reads only the files whose blob is not the one the snapshot recorded; nil when anything
    /// needs a full read to be reported properly.
    private static func incremental(
        commit: CommitInfo, path: String, files: [TreeFile], baseline snapshot: SourceSnapshot,
        recorded records: [String: SourceFileRecord], context: Context
    ) -> LoadedSource? {
        let fileCount = files.count
        let files = files.filter { $0.kind != .submodule }
        let recorded = files.map { records[$0.path] }
        let changed = files.indices.filter { recorded[$0]?.blob != files[$0].blobID }
        let results = read(changed.map { files[$0] }, context: context)
        guard results.allSatisfy(\.outcome.isClean) else { return nil }

        var pieces: [Piece] = []
        var rows: [SourceFileRecord] = []
        var next = 0
        for (index, record) in recorded.enumerated() {
            if next < changed.count, changed[next] == index {
                pieces.append(.read(next))
                next += 1
            } else if let record {
                pieces.append(.recorded(rows.count))
                rows.append(record)
            }
        }
        // Paths recorded but no longer in the tree (none when every recorded path was found).
        var removed: [String] = []
        if recorded.lazy.compactMap({ $0 }).count != records.count {
            let present = Set(files.map(\.path))
            removed = records.keys.filter { !present.contains($0) }.sorted()
        }
        return assemble(
            pieces, rows: rows, results: results, commit: commit, path: path, snapshot: snapshot, removed: removed,
            fileCount: fileCount, context: context)
    }

    /// One manifest file, in order: read by this run (its place in the results), or known from
    /// the snapshot (its place in the rows).
    private enum Piece {
        case read(Int)
        case recorded(Int)
    }

    /// The source from its files in order; nil when an object is defined twice (the full read
    /// reports it, with both places).
    private static func assemble(
        _ pieces: [Piece], rows: [SourceFileRecord], results: [FileResult], commit: CommitInfo, path: String,
        snapshot: SourceSnapshot, removed: [String], fileCount: Int, context: Context
    ) -> LoadedSource? {
        var keys: [ObjectKey] = []
        var warnings: [SourceIssue] = []
        keys.reserveCapacity(rows.reduce(16) { $0 + $1.keys.count })
        for piece in pieces {
            switch piece {
            case .read(let index):
                keys += results[index].outcome.objects.map(\.key)
                warnings += results[index].outcome.warnings
            case .recorded(let index):
                keys += rows[index].keys
                if !rows[index].warnings.isEmpty { warnings += rows[index].warnings.map { SourceIssue(location: nil, message: $0) } }
            }
        }
        // The unread files' objects were unique when they were applied; the objects read now must
        // be unique too, and none of them defined in an unread file: each is in `keys` once.
        let objects = results.flatMap(\.outcome.objects)
        let read = objects.map(\.key)
        guard Set(read).count == read.count, keys.count(among: read) == read.count else { return nil }
        return LoadedSource(
            commit: commit, path: path, keys: keys, objects: objects,
            warnings: warnings, fileCount: fileCount, baseline: snapshot.storeRevision,
            snapshot: SourceSnapshotUpdate(
                revision: commit.id, loader: loader(context.limits), files: results.map(\.record),
                removedPaths: removed, replacing: false, fileCount: fileCount))
    }

    /// Reads, decodes and checks the files on all cores; the results are in the order of `files`.
    /// Each worker reads its share of the blobs through a handle of its own on the repository
    /// (libgit2 lets one thread at a time use a handle).
    static func read(_ files: [TreeFile], context: Context) -> [FileResult] {
        let workers = files.count < 32 ? 1 : min(processorCount, files.count / 32 + 1)
        let repositories = [context.repository] + (1..<max(workers, 1)).compactMap { _ in try? context.repository.reopened() }
        var results = files.map { FileResult(file: $0, outcome: FileOutcome()) }
        results.withUnsafeMutableBufferPointer { buffer in
            // Each worker writes its own slots only, and all are done when concurrentPerform returns.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: repositories.count) { worker in
                var own = context
                own.repository = repositories[worker]
                for slot in stride(from: worker, to: files.count, by: repositories.count) {
                    slots[slot].outcome = outcome(of: files[slot], context: own)
                }
            }
        }
        return results
    }

    /// What one file of the commit yields.
    private static func outcome(of file: TreeFile, context: Context) -> FileOutcome {
        switch bytes(of: file, context: context) {
        case .success(let bytes?):
            return decodeFile(path: file.path, bytes: bytes, limits: context.limits, registry: context.registry)
        case .success(nil):
            return FileOutcome()
        case .failure(let refusal):
            return FileOutcome(items: [.issue(refusal.issue)])
        }
    }

    private struct Refusal: Error {
        var issue: SourceIssue
    }

    /// The bytes of one file; nil for a submodule (not a manifest of this repository).
    private static func bytes(of file: TreeFile, context: Context) -> Result<[UInt8]?, Refusal> {
        let fileStart = SourceLocation(file: file.path, line: 1, column: 1)
        switch file.kind {
        case .symlink:
            return .failure(Refusal(issue: SourceIssue(location: fileStart, message: "is a symbolic link; manifests must be regular files in the commit (berth does not follow links)")))
        case .submodule:
            return .success(nil)
        case .file, .executable:
            break
        }
        do {
            let size = try context.repository.blobSize(file.blobID)
            guard size <= context.limits.maxFileBytes else {
                return .failure(Refusal(issue: SourceIssue(location: fileStart, message: "file is \(size) bytes, over the limit of \(context.limits.maxFileBytes) bytes per manifest file")))
            }
            return .success(try context.repository.blob(file.blobID))
        } catch {
            return .failure(Refusal(issue: SourceIssue(location: fileStart, message: "\(error)")))
        }
    }

    /// `decodeFile` for each file, in parallel; the outcomes are in the order of `files`.
    static func decode(
        _ files: [(path: String, bytes: [UInt8])], limits: DecodeLimits, registry: KindRegistry
    ) -> [FileOutcome] {
        var outcomes = [FileOutcome](repeating: FileOutcome(), count: files.count)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own slot only, and all are done when concurrentPerform returns.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: files.count) { i in
                slots[i] = decodeFile(path: files[i].path, bytes: files[i].bytes, limits: limits, registry: registry)
            }
        }
        return outcomes
    }

    /// The work on one file, independent of every other file.
    static func decodeFile(path: String, bytes: [UInt8], limits: DecodeLimits, registry: KindRegistry) -> FileOutcome {
        var outcome = FileOutcome()
        let documents: [YAMLDocument]
        do {
            documents = try YAMLDecoder.decodeAll(bytes, file: path, limits: limits)
        } catch {
            outcome.items.append(.issue(SourceIssue(location: error.location, message: error.message)))
            return outcome
        }
        for document in documents { check(document, registry: registry, into: &outcome) }
        return outcome
    }

    private static func check(_ document: YAMLDocument, registry: KindRegistry, into outcome: inout FileOutcome) {
        guard document.value.objectValue != nil else {
            outcome.items.append(.issue(SourceIssue(location: document.location, message: "document \(document.index + 1) is a \(document.value.typeName), expected a mapping (a Kubernetes object with apiVersion, kind and metadata)")))
            return
        }
        let report = Validation.validate(document.value)
        if !report.errors.isEmpty || !report.warnings.isEmpty {
            // One extra parse of the file finds every position (the decoding pass records none).
            let all = report.errors + report.warnings
            let located = zip(all, document.locations(of: all.map(\.path))).map { issue, location in
                SourceIssue(location: location, field: issue.path, message: issue.message)
            }
            outcome.items += located.prefix(report.errors.count).map { .issue($0) }
            outcome.warnings += located.dropFirst(report.errors.count)
        }
        guard report.errors.isEmpty else { return }
        var value = document.value
        Defaulting.apply(to: &value)
        guard let key = value.objectKey, let apiVersion = value["apiVersion"]?.stringValue else { return }
        outcome.items.append(
            .object(
                DesiredObject(
                    key: key, apiVersion: apiVersion, value: value, document: document,
                    isBuiltIn: registry.info(apiVersion: apiVersion, kind: key.kind) != nil)))
    }
}
