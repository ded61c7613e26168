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
