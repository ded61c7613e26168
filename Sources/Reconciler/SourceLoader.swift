import Dispatch
import GitSource
import Manifests
import Resources

/// The objects of one commit under one path, ready to plan.
public struct LoadedSource: Sendable {
    public var commit: CommitInfo
    public var path: String
    public var objects: [DesiredObject]
    public var warnings: [SourceIssue]
    public var fileCount: Int
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
/// Files are decoded in parallel on all cores; what they yield is put together in file order, so
/// the objects, issues and warnings are the same, in the same order, as one thread would give.
public enum SourceLoader {
    static func load(
        repository: GitRepository, revision: String, path: String, limits: DecodeLimits, registry: KindRegistry
    ) throws -> LoadedSource {
        let commit: CommitInfo
        let files: [TreeFile]
        do {
            commit = try repository.resolve(revision)
            files = try repository.files(in: commit.id, under: path)
        } catch {
            throw ReconcileError(error.description)
        }
        let manifests = files.filter { isManifest($0.path) }
        let loaded = load(manifests, from: repository, limits: limits, registry: registry)
        if !loaded.issues.isEmpty {
            throw ReconcileError(loaded.issues, hint: "nothing was applied; fix the manifests and commit again")
        }
        return LoadedSource(
            commit: commit, path: path, objects: loaded.objects, warnings: loaded.warnings, fileCount: manifests.count)
    }

    static func isManifest(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }

    /// Loads these manifest files of a commit: the blobs are read one after another, then decoded
    /// in parallel.
    static func load(
        _ files: [TreeFile], from repository: GitRepository, limits: DecodeLimits, registry: KindRegistry
    ) -> LoadedManifests {
        var outcomes: [FileOutcome] = []
        var readable: [(path: String, bytes: [UInt8])] = []
        var readableSlots: [Int] = []
        for file in files {
            switch read(file, from: repository, limits: limits) {
            case .bytes(let bytes):
                readableSlots.append(outcomes.count)
                readable.append((file.path, bytes))
                outcomes.append(FileOutcome())
            case .skipped:
                outcomes.append(FileOutcome())
            case .refused(let issue):
                outcomes.append(FileOutcome(entries: [.issue(issue)]))
            }
        }
        for (slot, outcome) in zip(readableSlots, decode(readable, limits: limits, registry: registry)) {
            outcomes[slot] = outcome
        }
        return merge(outcomes)
    }

    private enum FileRead {
        case bytes([UInt8])
        /// A submodule: not a manifest of this repository.
        case skipped
        case refused(SourceIssue)
    }

    /// The bytes of one file, or why it is skipped or cannot be read.
    private static func read(_ file: TreeFile, from repository: GitRepository, limits: DecodeLimits) -> FileRead {
        let fileStart = SourceLocation(file: file.path, line: 1, column: 1)
        switch file.kind {
        case .symlink:
            return .refused(SourceIssue(location: fileStart, message: "is a symbolic link; manifests must be regular files in the commit (berth does not follow links)"))
        case .submodule:
            return .skipped
        case .file, .executable:
            break
        }
        guard file.size <= limits.maxFileBytes else {
            return .refused(SourceIssue(location: fileStart, message: "file is \(file.size) bytes, over the limit of \(limits.maxFileBytes) bytes per manifest file"))
        }
        do {
            return .bytes(try repository.blob(file.blobID))
        } catch {
            return .refused(SourceIssue(location: fileStart, message: "\(error)"))
        }
    }

    /// Decodes, validates and defaults every document of these files (path and bytes each), as
    /// berth does for a commit: the files are spread over all cores, and the result is in file order.
    public static func load(
        files: [(path: String, bytes: [UInt8])], limits: DecodeLimits = .default, registry: KindRegistry = .builtIn
    ) -> LoadedManifests {
        merge(decode(files, limits: limits, registry: registry))
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

    /// What one file yields, in the order found: its problems, warnings and objects. Objects are
    /// not yet checked against other files' (`merge` does that, in file order).
    struct FileOutcome: Sendable {
        enum Entry: Sendable {
            case issue(SourceIssue)
            case warning(SourceIssue)
            case object(DesiredObject)
        }

        var entries: [Entry] = []
    }

    /// The work on one file, independent of every other file.
    static func decodeFile(path: String, bytes: [UInt8], limits: DecodeLimits, registry: KindRegistry) -> FileOutcome {
        var outcome = FileOutcome()
        let documents: [YAMLDocument]
        do {
            documents = try YAMLDecoder.decodeAll(bytes, file: path, limits: limits)
        } catch {
            outcome.entries.append(.issue(SourceIssue(location: error.location, message: error.message)))
            return outcome
        }
        for document in documents {
            load(document, registry: registry, into: &outcome)
        }
        return outcome
    }

    private static func load(_ document: YAMLDocument, registry: KindRegistry, into outcome: inout FileOutcome) {
        guard document.value.objectValue != nil else {
            outcome.entries.append(.issue(SourceIssue(location: document.location, message: "document \(document.index + 1) is a \(document.value.typeName), expected a mapping (a Kubernetes object with apiVersion, kind and metadata)")))
            return
        }
        let report = Validation.validate(document.value)
        if !report.errors.isEmpty || !report.warnings.isEmpty {
            // One extra parse of the file finds every position (the decoding pass records none).
            let all = report.errors + report.warnings
            let located = zip(all, document.locations(of: all.map(\.path))).map { issue, location in
                SourceIssue(location: location, field: issue.path, message: issue.message)
            }
            outcome.entries += located.prefix(report.errors.count).map { .issue($0) }
            outcome.entries += located.dropFirst(report.errors.count).map { .warning($0) }
        }
        guard report.errors.isEmpty else { return }
        var value = document.value
        Defaulting.apply(to: &value)
        guard let key = value.objectKey, let apiVersion = value["apiVersion"]?.stringValue else { return }
        outcome.entries.append(
            .object(
                DesiredObject(
                    key: key, apiVersion: apiVersion, value: value, document: document,
                    isBuiltIn: registry.info(apiVersion: apiVersion, kind: key.kind) != nil)))
    }

    /// Puts the files' outcomes together in order; an object defined again is an error at its
    /// second definition.
    static func merge(_ outcomes: [FileOutcome]) -> LoadedManifests {
        var loaded = LoadedManifests()
        var seen: [ObjectKey: SourceLocation] = [:]
        for outcome in outcomes {
            for entry in outcome.entries {
                switch entry {
                case .issue(let issue): loaded.issues.append(issue)
                case .warning(let warning): loaded.warnings.append(warning)
                case .object(let object):
                    if let first = seen[object.key] {
                        loaded.issues.append(SourceIssue(location: object.location, message: "duplicate object \(object.key): also defined at \(first)"))
                        continue
                    }
                    seen[object.key] = object.location
                    loaded.objects.append(object)
                }
            }
        }
        return loaded
    }
}
