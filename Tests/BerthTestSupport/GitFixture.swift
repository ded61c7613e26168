import Foundation

/// A real git repository in a temporary folder, driven by the git command line, with an
/// environment that keeps the machine's own git configuration out.
public final class GitFixture: @unchecked Sendable {
    public let directory: TemporaryDirectory
    public var path: String { directory.path }
    public let home: TemporaryDirectory

    public init(branch: String = "main") throws {
        directory = try TemporaryDirectory("berth-repo")
        home = try TemporaryDirectory("berth-home")
        try git("init", "-q", "-b", branch)
    }

    public var environment: [String: String] {
        [
            "HOME": home.path, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Ada Lovelace",
            "GIT_AUTHOR_EMAIL": "ada@example.com", "GIT_COMMITTER_NAME": "Ada Lovelace",
            "GIT_COMMITTER_EMAIL": "ada@example.com",
        ]
    }

    /// Runs git in the repository; throws with git's output when it fails.
    @discardableResult
    public func git(_ arguments: String...) throws -> String { try git(arguments) }

    @discardableResult
    public func git(_ arguments: [String]) throws -> String {
        let result = try runProcess("/usr/bin/env", ["git"] + arguments, in: path, environment: environment)
        guard result.status == 0 else { throw FixtureError(message: "git \(arguments.joined(separator: " ")): \(result)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes a file (creating folders) relative to the repository root.
    public func write(_ relative: String, _ contents: String) throws {
        try write(relative, Data(contents.utf8))
    }

    public func write(_ relative: String, _ data: Data) throws {
        let url = directory.url(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Replaces text in a file of the work tree; throws when the text is not there.
    public func edit(_ relative: String, replacing old: String, with new: String) throws {
        let url = directory.url(relative)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard text.contains(old) else { throw FixtureError(message: "\(relative) has no \(old)") }
        try write(relative, text.replacingOccurrences(of: old, with: new))
    }

    public func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: directory.url(relative))
    }

    /// Stages everything and commits; returns the new commit's id.
    @discardableResult
    public func commit(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        return try git("rev-parse", "HEAD")
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// Where the package's files are: the shared corpus beside the package root, the project's manifests.
public enum PackagePaths {
    /// The package root, found from this source file's place.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared/corpus/<name>` beside the package root, when it is there.
    public static func corpusFile(_ name: String) -> String? {
        let path = URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("shared/corpus/\(name)").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The built `berth` beside the test bundle (both live in the build's products folder).
    public static let berthBinary: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: exe).deletingLastPathComponent()
        if url.path.hasSuffix(".xctest") || url.lastPathComponent == "Contents" { url.deleteLastPathComponent() }
        return url.appendingPathComponent("berth").path
    }()
}
