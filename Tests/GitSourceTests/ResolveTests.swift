import Testing

@testable import GitSource

@Suite("Resolving revisions")
struct ResolveTests {
    /// main: first ── second ── merge      feature: first ── feature ──┘ (merged into main)
    /// tags: v1 (annotated) and light (lightweight) on first; v2 (annotated) on second.
    final class History {
        let fixture: GitFixture
        let path: String
        let first: String
        let second: String
        let feature: String
        let merge: String

        init() throws {
            fixture = try GitFixture()
            path = try fixture.makeRepository("repo")
            try fixture.write("app.yaml", "replicas: 1\n", in: path)
            first = try fixture.commit("Add app", in: path)
            try fixture.git(["tag", "-a", "v1", "-m", "Release 1"], in: path)
            try fixture.git(["tag", "light"], in: path)
            try fixture.git(["branch", "feature"], in: path)
            try fixture.write("app.yaml", "replicas: 2\n", in: path)
            second = try fixture.commit("Scale app to two\n\nTraffic doubled after the launch.\n", in: path)
            try fixture.git(["tag", "-a", "v2", "-m", "Release 2"], in: path)
            try fixture.git(["checkout", "--quiet", "feature"], in: path)
            try fixture.write("db.yaml", "kind: StatefulSet\n", in: path)
            feature = try fixture.commit("Add database", in: path)
            try fixture.git(["checkout", "--quiet", "main"], in: path)
            try fixture.git(["merge", "--quiet", "--no-ff", "--no-edit", "feature"], in: path)
            merge = try fixture.git(["rev-parse", "HEAD"], in: path)
        }
    }

    @Test("every kind of revision git rev-parse takes resolves to the commit it names")
    func revisionForms() throws {
        let history = try History()
        let repository = try GitRepository.open(path: history.path)
        let table: [(revision: String, expected: String)] = [
            ("HEAD", history.merge),
            ("main", history.merge),
            ("refs/heads/main", history.merge),
            ("feature", history.feature),
            ("v1", history.first),  // annotated tag, peeled to its commit
            ("light", history.first),  // lightweight tag
            ("v2", history.second),
            (history.second, history.second),  // full id
            (String(history.first.prefix(7)), history.first),  // short id
            ("HEAD~1", history.second),  // first parent of the merge
            ("HEAD^2", history.feature),  // second parent of the merge
            ("HEAD~2", history.first),
            ("v2^{commit}", history.second),
        ]
        for row in table {
            #expect(try repository.resolve(row.revision).id == row.expected, "\(row.revision)")
        }
    }

    @Test("commit info carries author, time, subject, message and parents")
    func commitInfo() throws {
        let history = try History()
        let repository = try GitRepository.open(path: history.path)

        let second = try repository.resolve(history.second)
        #expect(second.id == history.second)
        #expect(second.shortID == String(history.second.prefix(7)))
        #expect(second.authorName == GitFixture.authorName)
        #expect(second.authorEmail == GitFixture.authorEmail)
        #expect(second.time == GitFixture.firstCommitTime + 60)  // the second commit made
        #expect(second.subject == "Scale app to two")
        #expect(second.message == "Scale app to two\n\nTraffic doubled after the launch.\n")
        #expect(second.parentIDs == [history.first])

        #expect(try repository.resolve(history.first).parentIDs == [])
        #expect(try repository.resolve("HEAD").parentIDs == [history.second, history.feature])
        #expect(try repository.resolve("HEAD").subject == "Merge branch 'feature'")
    }

    @Test("an unknown revision names the revision and the repository")
    func unknownRevision() throws {
        let history = try History()
        let repository = try GitRepository.open(path: history.path)

        for revision in ["nope", "HEAD~10", "0123456789abcdef0123456789abcdef01234567"] {
            let error = #expect(throws: GitError.self, "\(revision)") { try repository.resolve(revision) }
            #expect(error?.reason == .unknownRevision, "\(revision)")
            #expect(
                error?.description.hasPrefix("unknown revision '\(revision)' in \(history.path)") == true,
                "\(error?.description ?? "")")
        }
    }

    @Test("in a repository without commits, even HEAD is unknown, and the error says why")
    func emptyRepository() throws {
        let fixture = try GitFixture()
        let path = try fixture.makeRepository("empty")
        let repository = try GitRepository.open(path: path)

        let error = #expect(throws: GitError.self) { try repository.resolve("HEAD") }
        #expect(error?.reason == .unknownRevision)
        #expect(error?.description == "unknown revision 'HEAD' in \(path): HEAD points to a branch with no commits yet")
    }

    @Test("a revision that names a file rather than a commit is refused")
    func notACommit() throws {
        let history = try History()
        let repository = try GitRepository.open(path: history.path)

        let error = #expect(throws: GitError.self) { try repository.resolve("HEAD:app.yaml") }
        #expect(error?.reason == .notACommit)
        #expect(error?.description == "'HEAD:app.yaml' does not name a commit in \(history.path): it names a blob")
    }

    @Test("one repository serves many tasks at once")
    func concurrentUse() async throws {
        let history = try History()
        let repository = try GitRepository.open(path: history.path)
        let expected = try repository.files(in: "HEAD", under: "")

        let results = try await withThrowingTaskGroup(of: [TreeFile].self) { group in
            for index in 0..<32 {
                group.addTask {
                    _ = try repository.resolve(index.isMultiple(of: 2) ? "HEAD~1" : "feature")
                    return try repository.files(in: "HEAD", under: "")
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 == expected })
    }
}
