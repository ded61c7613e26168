import Foundation
import Testing

@testable import GitSource

@Suite("Paths changed between commits")
struct DiffTests {
    /// Two commits: the second modifies, deletes and adds files under `manifests`, and touches
    /// neighbours outside it (`manifests-extra`, `README.md`) that a folder filter must leave out.
    final class History {
        let fixture: GitFixture
        let path: String
        let first: String
        let second: String

        init() throws {
            fixture = try GitFixture()
            path = try fixture.makeRepository("repo")
            try fixture.write("manifests/a.yaml", "a: 1\n", in: path)
            try fixture.write("manifests/b.yaml", "b: 1\n", in: path)
            try fixture.write("manifests/sub/c.yaml", "c: 1\n", in: path)
            try fixture.write("manifests-extra/x.yaml", "x: 1\n", in: path)
            try fixture.write("README.md", "read me\n", in: path)
            first = try fixture.commit("First", in: path)
            try fixture.write("manifests/a.yaml", "a: 2\n", in: path)
            try FileManager.default.removeItem(atPath: path + "/manifests/b.yaml")
            try fixture.write("manifests/sub/d.yaml", "d: 1\n", in: path)
            try fixture.write("manifests-extra/x.yaml", "x: 2\n", in: path)
            try fixture.write("README.md", "read me again\n", in: path)
            second = try fixture.commit("Second", in: path)
        }

        func open() throws -> GitRepository { try GitRepository.open(path: path) }
    }

    @Test("added, modified and deleted files under a folder, and nothing outside it")
    func underFolder() throws {
        let history = try History()
        let repository = try history.open()
        let expected = ["manifests/a.yaml", "manifests/b.yaml", "manifests/sub/d.yaml"]
        #expect(try repository.changedPaths(from: history.first, to: history.second, under: "manifests") == expected)
        #expect(try repository.changedPaths(from: history.first, to: "HEAD", under: "./manifests/") == expected)
        #expect(
            try repository.changedPaths(from: history.first, to: history.second, under: "manifests/sub")
                == ["manifests/sub/d.yaml"])
        // Backwards, the same files differ: the deletion reads as an addition and the reverse.
        #expect(try repository.changedPaths(from: history.second, to: history.first, under: "manifests") == expected)
    }

    @Test("walking the trees side by side finds what git diff finds, with both sides' entries")
    func changedFilesAgreeWithTheDiff() throws {
        let history = try History()
        // A third commit: a file turns into a folder, another into a symlink, one becomes executable.
        try history.fixture.write("manifests/a.yaml", "a: 3\n", in: history.path)
        try FileManager.default.removeItem(atPath: history.path + "/manifests/sub/c.yaml")
        try FileManager.default.createSymbolicLink(atPath: history.path + "/manifests/sub/c.yaml", withDestinationPath: "d.yaml")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: history.path + "/manifests/sub/d.yaml")
        try FileManager.default.removeItem(atPath: history.path + "/manifests/a.yaml")
        try history.fixture.write("manifests/a.yaml/inner.yaml", "i: 1\n", in: history.path)
        let third = try history.fixture.commit("Third", in: history.path)
        let repository = try history.open()
        let revisions = [history.first, history.second, third]
        let listed = try revisions.map { revision in
            Dictionary(uniqueKeysWithValues: try repository.files(in: revision, under: "").map { ($0.path, $0) })
        }
        for (from, old) in zip(revisions, listed) {
            for (to, new) in zip(revisions, listed) {
                for folder in ["manifests", "", "manifests/sub"] {
                    let changes = try repository.changedFiles(from: from, to: to, under: folder)
                    let git = try history.fixture.git(
                        ["diff", "--no-renames", "--name-only", from, to] + (folder.isEmpty ? [] : ["--", folder + "/"]), in: history.path)
                    #expect(changes.map(\.path) == git.split(separator: "\n").map(String.init).sorted(), "\(from) → \(to) under '\(folder)'")
                    #expect(try repository.changedPaths(from: from, to: to, under: folder) == changes.map(\.path))
                    for change in changes {
                        #expect(change.old == old[change.path] && change.new == new[change.path], "\(change.path)")
                    }
                }
            }
        }
        let kinds = try repository.changedFiles(from: history.second, to: third, under: "manifests")
        #expect(kinds.first { $0.path == "manifests/sub/c.yaml" }.map { [$0.old?.kind, $0.new?.kind] } == [.file, .symlink])
        #expect(kinds.first { $0.path == "manifests/sub/d.yaml" }.map { [$0.old?.kind, $0.new?.kind] } == [.file, .executable])
        // A folder the old commit lacks: everything in the new one is added.
        #expect(try repository.changedFiles(from: history.first, to: third, under: "manifests/a.yaml").map(\.path) == ["manifests/a.yaml/inner.yaml"])
    }

    @Test("the whole tree when the folder is the root")
    func wholeTree() throws {
        let history = try History()
        #expect(
            try history.open().changedPaths(from: history.first, to: history.second, under: "")
                == [
                    "README.md", "manifests-extra/x.yaml", "manifests/a.yaml", "manifests/b.yaml",
                    "manifests/sub/d.yaml",
                ])
    }

    @Test("no starting commit lists every file under the folder")
    func fromNothing() throws {
        let history = try History()
        #expect(
            try history.open().changedPaths(from: nil, to: history.second, under: "manifests")
                == ["manifests/a.yaml", "manifests/sub/c.yaml", "manifests/sub/d.yaml"])
    }

    @Test("the same commit twice, or a folder neither commit has, changes nothing")
    func noChanges() throws {
        let history = try History()
        let repository = try history.open()
        #expect(try repository.changedPaths(from: history.second, to: history.second, under: "manifests") == [])
        #expect(try repository.changedPaths(from: history.first, to: history.second, under: "missing") == [])
    }

    @Test("an unknown revision is an error naming it")
    func unknownRevision() throws {
        let history = try History()
        let error = #expect(throws: GitError.self) {
            try history.open().changedPaths(from: "nope", to: history.second, under: "manifests")
        }
        #expect(error?.reason == .unknownRevision)
        #expect(error?.description.contains("'nope'") == true)
    }
}
