import BerthTestSupport
import Foundation
import Resources

/// The built binary, run against a fixture repository with its own state folder.
struct Berth {
    let repo: GitFixture
    let state: TemporaryDirectory

    init(repo: GitFixture) throws {
        self.repo = repo
        state = try TemporaryDirectory("berth-state")
    }

    var statePath: String { state.subpath("state") }

    @discardableResult
    func callAsFunction(_ arguments: String..., in directory: String? = nil) throws -> ProcessResult {
        try run(arguments, in: directory)
    }

    func run(_ arguments: [String], in directory: String? = nil) throws -> ProcessResult {
        try runProcess(
            PackagePaths.berthBinary, arguments, in: directory ?? repo.path,
            environment: repo.environment.merging(["BERTH_STATE": statePath]) { $1 })
    }

    /// `berth get <kind> -A -o json` as values.
    func stored(_ kind: String) throws -> [Value] {
        let result = try run(["get", kind, "-A", "-o", "json"])
        guard result.status == 0 else { throw FixtureError(message: "get failed: \(result)") }
        return try Value(json: result.stdout)["items"]?.arrayValue ?? []
    }

    /// Whether anything exists in the state folder (a dry run must not create it).
    var stateExists: Bool { FileManager.default.fileExists(atPath: statePath) }
}

/// The project's own manifests/ copied into a fixture, so the tests run the app users see first.
func shopRepository() throws -> GitFixture {
    let repo = try GitFixture()
    let source = URL(fileURLWithPath: PackagePaths.root).appendingPathComponent("manifests")
    for file in try FileManager.default.contentsOfDirectory(atPath: source.path).sorted() where file.hasSuffix(".yaml") {
        try repo.write("manifests/\(file)", try Data(contentsOf: source.appendingPathComponent(file)))
    }
    try repo.commit("shop: first version")
    return repo
}
