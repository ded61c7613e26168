import Foundation

/// A temporary folder, removed when the fixture goes away, where tests build real repositories
/// with the git command line.
///
/// git runs with no system configuration and HOME inside the folder, so nothing configured on
/// the machine can change what a test sees. Author and committer are fixed, and every commit is
/// one minute after the previous one, so commit times are known exactly.
final class GitFixture {
    struct CommandFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var output: String
        var description: String { "git \(arguments.joined(separator: " ")) exited \(status): \(output)" }
    }

    static let authorName = "Ada Lovelace"
    static let authorEmail = "ada@example.com"
    static let firstCommitTime: Int64 = 1_700_000_000

    let root: String
    private var commitCount: Int64 = 0

    init() throws {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("berth-gitsource-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        // libgit2 reports canonical paths; resolving here lets tests compare them directly.
        root = base.resolvingSymlinksInPath().path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The time the next commit made through `commit` will carry.
    var nextCommitTime: Int64 { Self.firstCommitTime + commitCount * 60 }

    /// Makes a folder `name` under the fixture and returns its path.
    func folder(_ name: String) throws -> String {
        let path = root + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Makes a work-tree repository whose first branch is `branch`.
    func makeRepository(_ name: String, branch: String = "main") throws -> String {
        let path = try folder(name)
        try git(["init", "--quiet", "--initial-branch", branch], in: path)
        return path
    }

    func write(_ relativePath: String, _ contents: String, in repository: String) throws {
        let url = URL(fileURLWithPath: repository + "/" + relativePath)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Stages everything (unless `stageAll` is false, for an index prepared by hand) and commits
    /// it; returns the new commit's id.
    @discardableResult
    func commit(_ message: String, in repository: String, stageAll: Bool = true) throws -> String {
        if stageAll { try git(["add", "--all"], in: repository) }
        let date = "\(nextCommitTime) +0000"
        commitCount += 1
        try git(
            ["commit", "--quiet", "--allow-empty", "--cleanup=verbatim", "-m", message], in: repository,
            environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        return try git(["rev-parse", "HEAD"], in: repository)
    }

    /// Runs git in `directory` and returns its standard output without the trailing newline.
    @discardableResult
    func git(_ arguments: [String], in directory: String, environment extra: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": root,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": Self.authorName,
            "GIT_AUTHOR_EMAIL": Self.authorEmail,
            "GIT_COMMITTER_NAME": Self.authorName,
            "GIT_COMMITTER_EMAIL": Self.authorEmail,
            "LC_ALL": "C",
        ]
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting, so a large output cannot fill the pipe and block git.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw CommandFailed(
                arguments: arguments, status: process.terminationStatus,
                output: String(decoding: errorData, as: UTF8.self) + text)
        }
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
