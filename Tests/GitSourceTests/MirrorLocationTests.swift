import Testing

@testable import GitSource

@Suite("Mirror folder names")
struct MirrorLocationTests {
    @Test(
        "the readable part keeps host and path and drops scheme, credentials and .git",
        arguments: [
            ("https://github.com/acme/deploy.git", "github.com-acme-deploy"),
            ("https://ci:s3cr3t-token@github.com/acme/deploy", "github.com-acme-deploy"),
            ("git@github.com:acme/deploy.git", "github.com-acme-deploy"),
            ("ssh://git@git.example.com:2222/team/app", "git.example.com-2222-team-app"),
            ("file:///srv/git/manifests", "srv-git-manifests"),
            ("file:///", "repository"),
            ("https://example.com/ünïcode/repo", "example.com-n-code-repo"),
        ])
    func readableName(url: String, expected: String) {
        #expect(MirrorLocation.readableName(for: url) == expected)
        #expect(!MirrorLocation.folderName(for: url).contains("s3cr3t"))
    }

    @Test("URLs that read alike still get different folders")
    func distinctFolders() {
        let names = [
            "https://github.com/acme/deploy",
            "https://github.com/acme/deploy.git",
            "http://github.com/acme/deploy",
            "https://github.com/acme-deploy",
        ].map(MirrorLocation.folderName(for:))
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.hasPrefix("github.com-acme-deploy-") && $0.hasSuffix(".git") })
    }

    @Test("the hash is FNV-1a 64, stable across runs and machines")
    func hashIsStable() {
        // Reference values of the FNV-1a 64-bit test suite.
        #expect(MirrorLocation.fnv1a64Hex("") == "cbf29ce484222325")
        #expect(MirrorLocation.fnv1a64Hex("a") == "af63dc4c8601ec8c")
        #expect(MirrorLocation.fnv1a64Hex("foobar") == "85944171f73967e8")
    }

    @Test("a long URL is cut to a bounded readable name that keeps the repository's name")
    func longURL() {
        let url = "https://example.com/" + String(repeating: "segment/", count: 40) + "manifests.git"
        let name = MirrorLocation.readableName(for: url)
        #expect(name.count <= 64)
        #expect(name.hasSuffix("segment-manifests"))
        #expect(!name.hasPrefix("-"))
    }
}
