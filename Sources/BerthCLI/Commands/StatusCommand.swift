import ArgumentParser
import Controllers
import FoundationEssentials
import GitSource
import Reconciler
import Resources
import Store

/// `berth status`: the synced revision, its sync and health, per resource and as a whole.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the state is synced to, whether it still matches git, and how healthy it is.",
        discussion: """
            Sync is OutOfSync when the live state drifted from the synced commit (see berth diff), \
            when the branch has moved on since, or when the last commit was refused.

            Examples:
              berth status
              berth status -o json
            """
    )

    @OptionGroup var state: StateOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var output: OutputFormat = .text

    func run() throws {
        let outcome = try DriftCheck.plan(stateDirectory: state.directory)
        guard let store = try SQLiteStore.openExisting(directory: state.directory) else { throw ExitCode.failure }
        let drifted = Set(outcome.plan.changes.map(\.key))
        let resources = outcome.source.keys.map { key -> (ObjectKey, String, ResourceHealth) in
            let live = try? store.get(key)?.value
            return (key, drifted.contains(key) ? "OutOfSync" : "Synced", Health.of(live))
        }
        let health = Health.aggregate(resources.map(\.2))
        let latest = try store.history(source: outcome.sourceID, limit: 1).first
        let refused = latest.flatMap { $0.result == .refused || $0.result == .failed ? $0 : nil }
        let head = try? GitRepository.open(path: repositoryPath(outcome.sourceID))
            .resolve("HEAD")
        let behind = head.map { $0.id != outcome.source.commit.id } ?? false
        let sync = drifted.isEmpty && refused == nil && !behind ? "Synced" : "OutOfSync"

        if output == .json {
            var value: Value = [
                "revision": .string(outcome.source.commit.id), "subject": .string(outcome.source.commit.subject),
                "sync": .string(sync), "health": .string(health.rawValue),
                "resources": .array(resources.map { key, sync, health in
                    ["kind": .string(key.kind), "namespace": .string(key.namespace), "name": .string(key.name),
                     "sync": .string(sync), "health": .string(health.status.rawValue), "message": .string(health.message)]
                }),
            ]
            if let refused { value["lastError"] = .string(refused.message) }
            if behind, let head { value["head"] = .string(head.id) }
            print(value.jsonString(pretty: true))
            return
        }
        let terminal = Terminal.standardOutput()
        let commit = outcome.source.commit
        let syncText = sync == "Synced" ? terminal.green(sync) : terminal.yellow(sync)
        print("\(syncText) to \(commit.shortID) \"\(commit.subject)\" · \(health.rawValue) · \(resources.count) resources")
        if behind, let head { print(terminal.yellow("  the branch is at \(head.shortID) \"\(head.subject)\"; run berth reconcile to sync it")) }
        if let refused {
            print(terminal.red("  the last commit was refused (\(String(refused.revision.prefix(7)))): ")
                + (refused.message.split(separator: "\n").first.map(String.init) ?? ""))
        }
        var table = Table(["KIND", "NAMESPACE", "NAME", "SYNC", "HEALTH", "MESSAGE"])
        for (key, sync, health) in resources {
            table.append([key.kind, key.namespace.isEmpty ? "-" : key.namespace, key.name, sync, health.status.rawValue, health.message])
        }
        print(table.rendered)
    }

    /// The repository part of a source id (`<repository>#<path>`).
    private func repositoryPath(_ sourceID: String) -> String {
        sourceID.lastIndex(of: "#").map { String(sourceID[..<$0]) } ?? sourceID
    }
}
