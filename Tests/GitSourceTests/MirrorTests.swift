import Foundation
import Testing

@testable import GitSource

@Suite("Mirroring remotes")
struct MirrorTests {
    /// An upstream work-tree repository served over file://, and a cache folder for mirrors.
    final class Upstream {
        let fixture: GitFixture
        let path: String
        let url: String
        let cache: String

        init(branch: String = "main") throws {
            fixture = try GitFixture()
            path = try fixture.makeRepository("upstream", branch: branch)
            url = "file://" + path
            cache = fixture.root + "/cache"
            try fixture.write("manifests/app.yaml", "replicas: 1\n", in: path)
            try fixture.commit("Add app", in: path)
        }

        func head() throws -> String { try fixture.git(["rev-parse", "HEAD"], in: path) }

        func mirror() throws -> GitRepository { try GitRepository.mirror(url: url, cacheDirectory: cache) }
    }

    @Test("a first mirror is a bare clone inside the cache whose HEAD is the remote's")
    func firstMirror() throws {
        let upstream = try Upstream()
        try upstream.fixture.git(["tag", "-a", "v1", "-m", "Release 1"], in: upstream.path)
        let mirror = try upstream.mirror()

        #expect(mirror.isBare)
        #expect(mirror.path.hasPrefix(upstream.cache + "/"))
        #expect(mirror.path.contains("-upstream-"))
        #expect(try mirror.resolve("HEAD").id == upstream.head())
        #expect(try mirror.resolve("main").id == upstream.head())
        #expect(try mirror.resolve("origin/main").id == upstream.head())
        #expect(try mirror.resolve("v1").id == upstream.head())
        let expected = try GitRepository.open(path: upstream.path).files(in: "HEAD", under: "manifests")
        #expect(try mirror.files(in: "HEAD", under: "manifests") == expected)
    }

    @Test("mirroring again fetches new commits, branches and tags into the same folder")
    func secondMirrorFetches() throws {
        let upstream = try Upstream()
        let before = try upstream.mirror()
        let firstHead = try upstream.head()

        try upstream.fixture.write("manifests/app.yaml", "replicas: 3\n", in: upstream.path)
        let newHead = try upstream.fixture.commit("Scale app", in: upstream.path)
        try upstream.fixture.git(["branch", "release"], in: upstream.path)
        try upstream.fixture.git(["tag", "v2"], in: upstream.path)
        let after = try upstream.mirror()

        #expect(after.path == before.path)
        #expect(try after.resolve("HEAD").id == newHead)
        #expect(try after.resolve("HEAD~1").id == firstHead)
        #expect(try after.resolve("release").id == newHead)
        #expect(try after.resolve("origin/release").id == newHead)
        #expect(try after.resolve("v2").id == newHead)
        let app = try #require(try after.files(in: "HEAD", under: "manifests").first)
        #expect(try after.blob(app.blobID) == Array("replicas: 3\n".utf8))
        // The first handle reads the same folder, so it sees the fetched refs too.
        #expect(try before.resolve("main").id == newHead)
    }

    @Test("HEAD follows the remote's default branch, whatever it is called and when it changes")
    func defaultBranch() throws {
        let upstream = try Upstream(branch: "trunk")
        try upstream.fixture.git(["checkout", "--quiet", "-b", "main"], in: upstream.path)
        try upstream.fixture.commit("Only on main", in: upstream.path)
        try upstream.fixture.git(["checkout", "--quiet", "trunk"], in: upstream.path)
        let trunk = try upstream.head()

        let mirror = try upstream.mirror()
        #expect(try mirror.resolve("HEAD").id == trunk)
        #expect(try mirror.resolve("origin/HEAD").id == trunk)

        try upstream.fixture.git(["symbolic-ref", "HEAD", "refs/heads/main"], in: upstream.path)
        let main = try upstream.fixture.git(["rev-parse", "main"], in: upstream.path)
        let again = try upstream.mirror()
        #expect(try again.resolve("HEAD").id == main)
        #expect(try again.resolve("origin/HEAD").id == main)
    }

    @Test("branches deleted upstream are pruned and force-pushed branches are overwritten")
    func pruneAndForce() throws {
        let upstream = try Upstream()
        try upstream.fixture.git(["branch", "old"], in: upstream.path)
        try upstream.fixture.write("manifests/app.yaml", "replicas: 2\n", in: upstream.path)
        try upstream.fixture.commit("Scale app", in: upstream.path)
        _ = try upstream.mirror()

        try upstream.fixture.git(["branch", "-D", "old"], in: upstream.path)
        try upstream.fixture.git(["reset", "--quiet", "--hard", "HEAD~1"], in: upstream.path)
        try upstream.fixture.write("manifests/app.yaml", "replicas: 5\n", in: upstream.path)
        let rewritten = try upstream.fixture.commit("Scale app differently", in: upstream.path)
        let mirror = try upstream.mirror()

        #expect(try mirror.resolve("main").id == rewritten)
        #expect(try mirror.resolve("HEAD").id == rewritten)
        for gone in ["old", "origin/old"] {
            let error = #expect(throws: GitError.self, "\(gone)") { try mirror.resolve(gone) }
            #expect(error?.reason == .unknownRevision)
        }
    }

    @Test("different URLs get different mirrors in one cache")
    func separateMirrors() throws {
        let upstream = try Upstream()
        let other = try upstream.fixture.makeRepository("other")
        try upstream.fixture.write("x.yaml", "kind: Other\n", in: other)
        let otherHead = try upstream.fixture.commit("Other", in: other)

        let first = try upstream.mirror()
        let second = try GitRepository.mirror(url: "file://" + other, cacheDirectory: upstream.cache)
        #expect(first.path != second.path)
        #expect(try second.resolve("HEAD").id == otherHead)
        #expect(try first.resolve("HEAD").id == upstream.head())
    }

    @Test("a remote that cannot be reached is an error naming the URL")
    func unreachable() throws {
        let fixture = try GitFixture()
        let url = "file://" + fixture.root + "/missing"

        let error = #expect(throws: GitError.self) {
            try GitRepository.mirror(url: url, cacheDirectory: fixture.root + "/cache")
        }
        #expect(error?.reason == .remoteFailed)
        #expect(error?.description.hasPrefix("cannot fetch \(url) into \(fixture.root)/cache/") == true)
    }
}
