import Foundation
import Testing

@testable import GitSource

@Suite("Reverting commits")
struct RevertTests {
    /// A work-tree repository on `main`: "Add web" (web at 1 replica, a README), then "Scale web"
    /// (web at 3 replicas).
    final class Repository {
        let fixture: GitFixture
        let path: String
        let added: String
        let scaled: String
        static let signature = Signature(name: "Rollback Bot", email: "rollback@example.com", time: 1_800_000_000)

        init() throws {
            fixture = try GitFixture()
            path = try fixture.makeRepository("repo")
            try fixture.write("manifests/web.yaml", "replicas: 1\n", in: path)
            try fixture.write("README.md", "read me\n", in: path)
            added = try fixture.commit("Add web", in: path)
            try fixture.write("manifests/web.yaml", "replicas: 3\n", in: path)
            scaled = try fixture.commit("Scale web", in: path)
        }

        func open() throws -> GitRepository { try GitRepository.open(path: path) }
        func git(_ arguments: String...) throws -> String { try fixture.git(arguments, in: path) }
        func read(_ file: String) throws -> String { try String(contentsOfFile: path + "/" + file, encoding: .utf8) }
        func exists(_ file: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + file) }
    }

    @Test("reverting the tip commits its parent's tree on the branch and updates the work tree")
    func revertTip() throws {
        let repo = try Repository()
        let revert = try repo.open().revert(repo.scaled, author: Repository.signature)

        #expect(revert.parentIDs == [repo.scaled])
        #expect(revert.message == "Revert \"Scale web\"\n\nThis reverts commit \(repo.scaled).\n")
        #expect(revert.subject == "Revert \"Scale web\"")
        #expect(revert.authorName == "Rollback Bot")
        #expect(revert.authorEmail == "rollback@example.com")
        #expect(revert.time == 1_800_000_000)
        #expect(try repo.git("rev-parse", "\(revert.id)^{tree}") == repo.git("rev-parse", "\(repo.added)^{tree}"))
        #expect(try repo.git("rev-parse", "main") == revert.id)
        #expect(try repo.git("log", "--format=%H %s", "-1") == "\(revert.id) Revert \"Scale web\"")
        #expect(try repo.git("log", "--format=%cn <%ce>", "-1") == "Rollback Bot <rollback@example.com>")
        #expect(try repo.read("manifests/web.yaml") == "replicas: 1\n")
        #expect(try repo.git("status", "--porcelain") == "")
    }

    @Test("reverting an older commit keeps later commits that touch other files")
    func revertOlder() throws {
        let repo = try Repository()
        try repo.fixture.write("manifests/db.yaml", "kind: StatefulSet\n", in: repo.path)
        let addDB = try repo.fixture.commit("Add db", in: repo.path)
        try repo.fixture.write("README.md", "read me twice\n", in: repo.path)
        let later = try repo.fixture.commit("Explain more", in: repo.path)
        _ = try repo.git("config", "user.name", "Configured Person")
        _ = try repo.git("config", "user.email", "configured@example.com")

        let revert = try repo.open().revert(addDB)

        #expect(revert.parentIDs == [later])
        #expect(revert.authorName == "Configured Person")
        #expect(revert.authorEmail == "configured@example.com")
        #expect(try repo.git("ls-tree", "-r", "--name-only", revert.id) == "README.md\nmanifests/web.yaml")
        #expect(try repo.git("show", "\(revert.id):README.md") == "read me twice")
        #expect(!repo.exists("manifests/db.yaml"))
        #expect(try repo.read("README.md") == "read me twice\n")
        #expect(try repo.git("status", "--porcelain") == "")
    }

    @Test("reverting the root commit removes the files it added")
    func revertRoot() throws {
        let fixture = try GitFixture()
        let path = try fixture.makeRepository("repo")
        try fixture.write("manifests/web.yaml", "replicas: 1\n", in: path)
        let root = try fixture.commit("Add web", in: path)
        try fixture.write("README.md", "read me\n", in: path)
        try fixture.commit("Add readme", in: path)

        let revert = try GitRepository.open(path: path).revert(root)

        #expect(try fixture.git(["ls-tree", "-r", "--name-only", revert.id], in: path) == "README.md")
        #expect(!FileManager.default.fileExists(atPath: path + "/manifests/web.yaml"))
        #expect(try fixture.git(["status", "--porcelain"], in: path) == "")
    }

    @Test("a revert that conflicts with a later commit is refused and changes nothing")
    func conflictRefused() throws {
        let repo = try Repository()
        try repo.fixture.write("manifests/web.yaml", "replicas: 5\n", in: repo.path)
        let tip = try repo.fixture.commit("Scale web further", in: repo.path)

        let error = #expect(throws: GitError.self) { try repo.open().revert(repo.scaled) }
        #expect(error?.reason == .revertConflict)
        #expect(error?.paths == ["manifests/web.yaml"])
        #expect(error?.description.contains("conflicts with later commits in manifests/web.yaml") == true)
        #expect(try repo.git("rev-parse", "main") == tip)
        #expect(try repo.read("manifests/web.yaml") == "replicas: 5\n")
        #expect(try repo.git("status", "--porcelain") == "")
    }

    @Test("a merge commit is refused")
    func mergeRefused() throws {
        let repo = try Repository()
        _ = try repo.git("checkout", "--quiet", "-b", "feature", repo.added)
        try repo.fixture.write("manifests/db.yaml", "kind: StatefulSet\n", in: repo.path)
        try repo.fixture.commit("Add db", in: repo.path)
        _ = try repo.git("checkout", "--quiet", "main")
        _ = try repo.git("merge", "--quiet", "--no-ff", "-m", "Merge feature", "feature")
        let merge = try repo.git("rev-parse", "HEAD")

        let error = #expect(throws: GitError.self) { try repo.open().revert(merge) }
        #expect(error?.reason == .mergeCommit)
        #expect(error?.description.contains("reverting a merge commit needs a mainline; berth refuses it") == true)
        #expect(try repo.git("rev-parse", "main") == merge)
    }

    @Test("a commit outside the branch's history is refused")
    func notOnBranch() throws {
        let repo = try Repository()
        _ = try repo.git("checkout", "--quiet", "-b", "feature")
        try repo.fixture.write("manifests/db.yaml", "kind: StatefulSet\n", in: repo.path)
        let elsewhere = try repo.fixture.commit("Add db", in: repo.path)
        _ = try repo.git("checkout", "--quiet", "main")

        let error = #expect(throws: GitError.self) { try repo.open().revert(elsewhere) }
        #expect(error?.reason == .notOnBranch)
        #expect(try repo.git("rev-parse", "main") == repo.scaled)
    }

    @Test("reverting a change that is already undone is refused rather than committing nothing")
    func nothingToRevert() throws {
        let repo = try Repository()
        let repository = try repo.open()
        let first = try repository.revert(repo.scaled)

        let error = #expect(throws: GitError.self) { try repository.revert(repo.scaled) }
        #expect(error?.reason == .nothingToRevert)
        #expect(try repo.git("rev-parse", "main") == first.id)
    }

    @Test("uncommitted changes to a file the revert touches refuse it, staged or not", arguments: [false, true])
    func dirtyTouchedRefused(staged: Bool) throws {
        let repo = try Repository()
        try repo.fixture.write("manifests/web.yaml", "replicas: 4\n", in: repo.path)
        if staged { _ = try repo.git("add", "manifests/web.yaml") }
        let statusBefore = try repo.git("status", "--porcelain")

        let error = #expect(throws: GitError.self) { try repo.open().revert(repo.scaled) }
        #expect(error?.reason == .uncommittedChanges)
        #expect(error?.paths == ["manifests/web.yaml"])
        #expect(
            error?.description.contains(
                "uncommitted changes in manifests/web.yaml would be overwritten by the revert; "
                    + "commit or stash them first") == true)
        #expect(try repo.git("rev-parse", "main") == repo.scaled)
        #expect(try repo.read("manifests/web.yaml") == "replicas: 4\n")
        #expect(try repo.git("status", "--porcelain") == statusBefore)
    }

    @Test("uncommitted changes to other files are kept and do not refuse the revert")
    func dirtyElsewhereKept() throws {
        let repo = try Repository()
        try repo.fixture.write("README.md", "edited locally\n", in: repo.path)
        try repo.fixture.write("notes.txt", "scratch\n", in: repo.path)

        let revert = try repo.open().revert(repo.scaled)

        #expect(try repo.git("rev-parse", "main") == revert.id)
        #expect(try repo.read("manifests/web.yaml") == "replicas: 1\n")
        #expect(try repo.read("README.md") == "edited locally\n")
        #expect(try repo.read("notes.txt") == "scratch\n")
        #expect(try repo.git("status", "--porcelain") == " M README.md\n?? notes.txt")
    }

    @Test("reverting on a branch that is not checked out leaves the work tree alone")
    func otherBranch() throws {
        let repo = try Repository()
        _ = try repo.git("branch", "release")
        try repo.fixture.write("manifests/web.yaml", "replicas: 9\n", in: repo.path)
        let mainTip = try repo.fixture.commit("Scale web on main", in: repo.path)

        let revert = try repo.open().revert(repo.scaled, onBranch: "release")

        #expect(revert.parentIDs == [repo.scaled])
        #expect(try repo.git("rev-parse", "release") == revert.id)
        #expect(try repo.git("rev-parse", "main") == mainTip)
        #expect(try repo.read("manifests/web.yaml") == "replicas: 9\n")
        #expect(try repo.git("status", "--porcelain") == "")
        let missing = #expect(throws: GitError.self) { try repo.open().revert(repo.scaled, onBranch: "nope") }
        #expect(missing?.reason == .unknownBranch)
    }
}
