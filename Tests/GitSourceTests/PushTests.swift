import Foundation
import Testing

@testable import GitSource

@Suite("Pushing branches")
struct PushTests {
    /// A bare origin, as a hosted remote is, holding "Add web" then "Scale web" on `main`, and a
    /// cache folder for berth's mirror of it.
    final class Origin {
        let fixture: GitFixture
        let path: String
        let url: String
        let cache: String
        let scaled: String

        init() throws {
            fixture = try GitFixture()
            let work = try fixture.makeRepository("work")
            try fixture.write("manifests/web.yaml", "replicas: 1\n", in: work)
            try fixture.commit("Add web", in: work)
            try fixture.write("manifests/web.yaml", "replicas: 3\n", in: work)
            scaled = try fixture.commit("Scale web", in: work)
            path = fixture.root + "/origin.git"
            try fixture.git(["clone", "--quiet", "--bare", work, path], in: fixture.root)
            url = "file://" + path
            cache = fixture.root + "/cache"
        }

        func mirror() throws -> GitRepository { try GitRepository.mirror(url: url, cacheDirectory: cache) }
        func git(_ arguments: String...) throws -> String { try fixture.git(arguments, in: path) }

        /// Someone else pushes a commit to origin with the git command line.
        func pushFromElsewhere() throws -> String {
            let clone = fixture.root + "/elsewhere"
            try fixture.git(["clone", "--quiet", url, clone], in: fixture.root)
            try fixture.write("README.md", "read me\n", in: clone)
            let id = try fixture.commit("Add readme", in: clone)
            try fixture.git(["push", "--quiet", "origin", "main"], in: clone)
            return id
        }
    }

    @Test("a revert made in a mirror reaches origin's branch and the mirror's tracking ref")
    func revertAndPush() throws {
        let origin = try Origin()
        let mirror = try origin.mirror()
        let revert = try mirror.revert(origin.scaled)
        try mirror.push(branch: "main")

        #expect(try origin.git("rev-parse", "main") == revert.id)
        #expect(try origin.git("log", "--format=%s", "-1", "main") == "Revert \"Scale web\"")
        #expect(try origin.git("show", "main:manifests/web.yaml") == "replicas: 1")
        #expect(try mirror.resolve("origin/main").id == revert.id)
        // The next fetch agrees with what was pushed.
        #expect(try origin.mirror().resolve("main").id == revert.id)
    }

    @Test("a push is rejected, and origin left as it was, when origin moved on since the fetch")
    func nonFastForwardRejected() throws {
        let origin = try Origin()
        let mirror = try origin.mirror()
        let theirs = try origin.pushFromElsewhere()
        let revert = try mirror.revert(origin.scaled)

        let error = #expect(throws: GitError.self) { try mirror.push(branch: "main") }
        #expect(error?.reason == .pushRejected)
        #expect(error?.description.contains("cannot push main to origin") == true)
        #expect(try origin.git("rev-parse", "main") == theirs)
        #expect(try mirror.resolve("main").id == revert.id)
        #expect(try mirror.resolve("origin/main").id == origin.scaled)
    }

    @Test("a branch rewound locally is not force-pushed")
    func rewindRejected() throws {
        let origin = try Origin()
        let fixture = origin.fixture
        let work = fixture.root + "/clone"
        try fixture.git(["clone", "--quiet", origin.url, work], in: fixture.root)
        try fixture.git(["reset", "--quiet", "--hard", "HEAD~1"], in: work)

        let error = #expect(throws: GitError.self) { try GitRepository.open(path: work).push(branch: "main") }
        #expect(error?.reason == .pushRejected)
        #expect(try origin.git("rev-parse", "main") == origin.scaled)
    }

    @Test("an unknown branch or remote is named in the error")
    func unknownNames() throws {
        let origin = try Origin()
        let mirror = try origin.mirror()
        let branch = #expect(throws: GitError.self) { try mirror.push(branch: "release") }
        #expect(branch?.reason == .unknownBranch)
        let remote = #expect(throws: GitError.self) { try mirror.push(branch: "main", remote: "upstream") }
        #expect(remote?.reason == .remoteFailed)
        #expect(remote?.description.contains("no remote named 'upstream'") == true)
    }
}
