import BerthTestSupport
import Testing

/// Every verb says how it is used, with an example, as the command-line conventions ask.
@Suite struct HelpTests {
    @Test(arguments: [
        "reconcile", "get", "history", "status", "diff", "serve", "sync", "rollback", "controllers",
        "rollout status", "rollout history", "rollout undo", "node list", "node fail", "node recover", "node cordon",
        "node uncordon", "node drain", "cluster init", "cluster show",
    ])
    func everyVerbHasAnExample(verb: String) throws {
        let result = try runProcess(PackagePaths.berthBinary, verb.split(separator: " ").map(String.init) + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Example"), "\(verb) --help has no example")
        #expect(result.stdout.contains("USAGE: berth \(verb)"))
    }
}
