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

/// Reads a commit's manifests through libgit2 and libyaml, validates and defaults every object.
/// Every problem in every file is collected, so one run shows them all; any error refuses the commit.
enum SourceLoader {
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

        var issues: [SourceIssue] = []
        var warnings: [SourceIssue] = []
        var objects: [DesiredObject] = []
        var seen: [ObjectKey: SourceLocation] = [:]
        var manifestFiles = 0

        for file in files where isManifest(file.path) {
            manifestFiles += 1
            let fileStart = SourceLocation(file: file.path, line: 1, column: 1)
            switch file.kind {
            case .symlink:
                issues.append(SourceIssue(location: fileStart, message: "is a symbolic link; manifests must be regular files in the commit (berth does not follow links)"))
                continue
            case .submodule:
                continue
            case .file, .executable:
                break
            }
            guard file.size <= limits.maxFileBytes else {
                issues.append(SourceIssue(location: fileStart, message: "file is \(file.size) bytes, over the limit of \(limits.maxFileBytes) bytes per manifest file"))
                continue
            }
            let documents: [YAMLDocument]
            do {
                let bytes = try repository.blob(file.blobID)
                documents = try YAMLDecoder.decodeAll(bytes, file: file.path, limits: limits)
            } catch let error as ManifestError {
                issues.append(SourceIssue(location: error.location, message: error.message))
                continue
            } catch {
                issues.append(SourceIssue(location: fileStart, message: "\(error)"))
                continue
            }
            for document in documents {
                load(document, registry: registry, into: &objects, seen: &seen, issues: &issues, warnings: &warnings)
            }
        }
        if !issues.isEmpty {
            throw ReconcileError(issues, hint: "nothing was applied; fix the manifests and commit again")
        }
        return LoadedSource(commit: commit, path: path, objects: objects, warnings: warnings, fileCount: manifestFiles)
    }

    static func isManifest(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }

    private static func load(
        _ document: YAMLDocument, registry: KindRegistry, into objects: inout [DesiredObject],
        seen: inout [ObjectKey: SourceLocation], issues: inout [SourceIssue], warnings: inout [SourceIssue]
    ) {
        guard document.value.objectValue != nil else {
            issues.append(SourceIssue(location: document.location, message: "document \(document.index + 1) is a \(document.value.typeName), expected a mapping (a Kubernetes object with apiVersion, kind and metadata)"))
            return
        }
        let report = Validation.validate(document.value)
        if !report.errors.isEmpty || !report.warnings.isEmpty {
            // One extra parse of the file finds every position (the decoding pass records none).
            let all = report.errors + report.warnings
            let located = zip(all, document.locations(of: all.map(\.path))).map { issue, location in
                SourceIssue(location: location, field: issue.path, message: issue.message)
            }
            issues += located.prefix(report.errors.count)
            warnings += located.dropFirst(report.errors.count)
        }
        guard report.errors.isEmpty else { return }
        var value = document.value
        Defaulting.apply(to: &value)
        guard let key = value.objectKey, let apiVersion = value["apiVersion"]?.stringValue else { return }
        if let first = seen[key] {
            issues.append(SourceIssue(location: document.location, message: "duplicate object \(key): also defined at \(first)"))
            return
        }
        seen[key] = document.location
        objects.append(
            DesiredObject(
                key: key, apiVersion: apiVersion, value: value, document: document,
                isBuiltIn: registry.info(apiVersion: apiVersion, kind: key.kind) != nil))
    }
}
