import Foundation
import Testing

@testable import GitSource

@Suite("Listing trees and reading blobs")
struct TreeTests {
    /// A manifests repository with every kind of entry: nested folders, an executable, a symlink,
    /// a submodule, and neighbours whose names sort around the folder (`manifests-extra`, `manifests.md`).
    final class Manifests {
        let fixture: GitFixture
        let path: String
        let first: String
        let head: String
        static let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
        static let submoduleCommit = "1111111111111111111111111111111111111111"

        init() throws {
            fixture = try GitFixture()
            path = try fixture.makeRepository("repo")
            try fixture.write("manifests/web/deploy.yaml", Self.deployment, in: path)
            first = try fixture.commit("Add web", in: path)
            try fixture.write("manifests/web/service.yaml", "kind: Service\n", in: path)
            try fixture.write("manifests/db/statefulset.yaml", "kind: StatefulSet\n", in: path)
            try fixture.write("manifests/hooks/run.sh", "#!/bin/sh\necho hi\n", in: path)
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o755], ofItemAtPath: path + "/manifests/hooks/run.sh")
            try FileManager.default.createSymbolicLink(
                atPath: path + "/manifests/current.yaml", withDestinationPath: "web/deploy.yaml")
            try fixture.write("manifests-extra/x.yaml", "kind: ConfigMap\n", in: path)
            try fixture.write("manifests.md", "# Manifests\n", in: path)
            try fixture.write("README.md", "read me\n", in: path)
            try fixture.git(["add", "--all"], in: path)
            // A gitlink straight in the index: a submodule entry without fetching a submodule.
            try fixture.git(
                ["update-index", "--add", "--cacheinfo", "160000,\(Self.submoduleCommit),manifests/vendor"], in: path)
            head = try fixture.commit("Add the rest", in: path, stageAll: false)
        }

        /// What `git ls-tree -r` says, as TreeFile values.
        func lsTree(_ revision: String, _ paths: [String] = []) throws -> [TreeFile] {
            let output = try fixture.git(["ls-tree", "-r", "--full-tree", revision] + paths, in: path)
            return output.split(separator: "\n").map { line in
                let parts = line.split(separator: "\t", maxSplits: 1)
                let fields = parts[0].split(separator: " ", omittingEmptySubsequences: true)
                let kind: TreeFile.Kind =
                    switch fields[0] {
                    case "100755": .executable
                    case "120000": .symlink
                    case "160000": .submodule
                    default: .file
                    }
                return TreeFile(path: String(parts[1]), blobID: String(fields[2]), kind: kind)
            }
        }
    }

    @Test("files under a folder match git ls-tree -r, recursively and in order")
    func filesUnderFolder() throws {
        let repo = try Manifests()
        let repository = try GitRepository.open(path: repo.path)

        let files = try repository.files(in: "HEAD", under: "manifests")
        #expect(files == (try repo.lsTree("HEAD", ["manifests/"])))
        #expect(
            files.map(\.path) == [
                "manifests/current.yaml",
                "manifests/db/statefulset.yaml",
                "manifests/hooks/run.sh",
                "manifests/vendor",
                "manifests/web/deploy.yaml",
                "manifests/web/service.yaml",
            ])
        let deploy = try #require(files.first { $0.path == "manifests/web/deploy.yaml" })
        #expect(try repository.blobSize(deploy.blobID) == Manifests.deployment.utf8.count)
    }

    @Test(
        "the root is the whole tree, however it is spelled, and a folder may be spelled loosely",
        arguments: [
            ("", ""), (".", ""), ("/", ""), ("./", ""),
            ("./manifests/", "manifests"), ("/manifests/web", "manifests/web"), ("manifests//web/", "manifests/web"),
        ])
    func folderSpellings(folder: String, canonical: String) throws {
        let repo = try Manifests()
        let repository = try GitRepository.open(path: repo.path)

        let expected = try repo.lsTree("HEAD", canonical.isEmpty ? [] : [canonical + "/"])
        #expect(try repository.files(in: "HEAD", under: folder) == expected)
    }

    @Test("entry kinds: executable, symlink and submodule are told apart from plain files")
    func kinds() throws {
        let repo = try Manifests()
        let repository = try GitRepository.open(path: repo.path)
        let files = try repository.files(in: "HEAD", under: "manifests")
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })

        #expect(byPath["manifests/web/deploy.yaml"]?.kind == .file)
        #expect(byPath["manifests/hooks/run.sh"]?.kind == .executable)
        #expect(byPath["manifests/current.yaml"]?.kind == .symlink)
        #expect(byPath["manifests/vendor"]?.kind == .submodule)
        #expect(byPath["manifests/vendor"]?.blobID == Manifests.submoduleCommit)
        // A symlink's blob is its target, which is never followed.
        let link = try #require(byPath["manifests/current.yaml"])
        #expect(try repository.blob(link.blobID) == Array("web/deploy.yaml".utf8))
        #expect(try repository.blobSize(link.blobID) == "web/deploy.yaml".utf8.count)
    }

    @Test("an older commit lists its own tree")
    func olderCommit() throws {
        let repo = try Manifests()
        let repository = try GitRepository.open(path: repo.path)

        for revision in [repo.first, "HEAD~1"] {
            let files = try repository.files(in: revision, under: "manifests")
            #expect(files.map(\.path) == ["manifests/web/deploy.yaml"], "\(revision)")
        }
    }

    @Test("uncommitted, staged and untracked changes in the work tree are not seen")
    func workTreeIgnored() throws {
        let repo = try Manifests()
        let repository = try GitRepository.open(path: repo.path)
        let committed = try repository.files(in: "HEAD", under: "manifests")

        try repo.fixture.write("manifests/web/deploy.yaml", "kind: Changed\n", in: repo.path)
        try repo.fixture.write("manifests/web/untracked.yaml", "kind: New\n", in: repo.path)
        try repo.fixture.write("manifests/db/statefulset.yaml", "kind: Staged\n", in: repo.path)
        try repo.fixture.git(["add", "manifests/db/statefulset.yaml"], in: repo.path)
        try FileManager.default.removeItem(atPath: repo.path + "/manifests/web/service.yaml")

        let files = try repository.files(in: "HEAD", under: "manifests")
        #expect(files == committed)
        let deploy = try #require(files.first { $0.path == "manifests/web/deploy.yaml" })
        #expect(try repository.blob(deploy.blobID) == Array(Manifests.deployment.utf8))
    }

    @Test("a folder missing from the commit is an error naming the folder and the revision")
    func missingFolder() throws {
        let repo = try Manifests()
        let repository = try GitRepository.open(path: repo.path)

        // manifests/db exists at HEAD but not in the first commit.
        for (revision, folder) in [("HEAD", "charts"), ("HEAD", "manifests/nope"), (repo.first, "manifests/db")] {
            let error = #expect(throws: GitError.self) { try repository.files(in: revision, under: folder) }
            #expect(error?.reason == .pathNotFound, "\(revision) \(folder)")
            #expect(error?.context == "cannot list '\(folder)' in '\(revision)' of \(repo.path)")
        }
    }

    @Test("a path that is a file is not a folder")
    func fileIsNotAFolder() throws {
        let repo = try Manifests()
        let repository = try GitRepository.open(path: repo.path)

        let error = #expect(throws: GitError.self) {
            try repository.files(in: "HEAD", under: "manifests/web/deploy.yaml")
        }
        #expect(error?.reason == .notADirectory)
        #expect(
            error?.description
                == "cannot list 'manifests/web/deploy.yaml' in 'HEAD' of \(repo.path): it is a file, not a folder")
    }

    @Test("a submodule is not a folder to list either")
    func submoduleIsNotAFolder() throws {
        let repo = try Manifests()
        let repository = try GitRepository.open(path: repo.path)

        let error = #expect(throws: GitError.self) { try repository.files(in: "HEAD", under: "manifests/vendor") }
        #expect(error?.reason == .notADirectory)
        #expect(error?.message == "it is a submodule, which berth does not enter")
    }

    @Test("listing at an unknown revision is an unknown-revision error")
    func unknownRevision() throws {
        let repo = try Manifests()
        let repository = try GitRepository.open(path: repo.path)

        let error = #expect(throws: GitError.self) { try repository.files(in: "release", under: "") }
        #expect(error?.reason == .unknownRevision)
    }

    @Test("a blob is read by full id or by a unique prefix, byte for byte")
    func blobByID() throws {
        let repo = try Manifests()
        let repository = try GitRepository.open(path: repo.path)
        let id = try repo.fixture.git(["rev-parse", "HEAD:manifests/web/deploy.yaml"], in: repo.path)

        #expect(try repository.blob(id) == Array(Manifests.deployment.utf8))
        #expect(try repository.blob(String(id.prefix(10))) == Array(Manifests.deployment.utf8))
        #expect(try repository.blob(id.uppercased()) == Array(Manifests.deployment.utf8))
    }

    @Test(
        "blob ids that are malformed, absent or not blobs are errors",
        arguments: [
            ("xyz", GitError.Reason.invalidObjectID),
            ("abc", .invalidObjectID),  // too short to be an abbreviation
            ("0123456789abcdef0123456789abcdef012345678", .invalidObjectID),  // 41 digits
            ("0000000000000000000000000000000000000001", .objectNotFound),
        ])
    func badBlobIDs(id: String, reason: GitError.Reason) throws {
        let repo = try Manifests()
        let repository = try GitRepository.open(path: repo.path)

        let error = #expect(throws: GitError.self) { try repository.blob(id) }
        #expect(error?.reason == reason)
        #expect(error?.description.contains("'\(id)'") == true)
    }

    @Test("a tree id is not a blob")
    func treeIsNotABlob() throws {
        let repo = try Manifests()
        let repository = try GitRepository.open(path: repo.path)
        let treeID = try repo.fixture.git(["rev-parse", "HEAD:manifests"], in: repo.path)

        let error = #expect(throws: GitError.self) { try repository.blob(treeID) }
        #expect(error?.reason == .objectNotFound)
        #expect(error?.context == "no blob '\(treeID)' in \(repo.path)")
    }
}
