import ArgumentParser
import GitSource

/// The `berth` command tree.
public struct Berth: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "berth",
        abstract: "A declarative GitOps reconciler with its own small Kubernetes-style control plane.",
        discussion: """
            git is the source of truth: berth reads a commit's manifests, shows what would change \
            (reconcile --dry-run) and applies the change in one transaction (reconcile).

            Examples:
              berth reconcile --dry-run      # preview the HEAD commit's manifests/ against the stored state
              berth reconcile                # apply it, all or nothing
              berth get deployments -n shop  # what is stored
              berth history                  # every sync
              berth rollout status deployment/web -n shop
              berth node fail node-2         # a simulated crash; its pods move elsewhere
              berth controllers              # the controller graph
            """,
        version: BerthVersion.current,
        subcommands: [
            ReconcileCommand.self, GetCommand.self, HistoryCommand.self, StatusCommand.self, DiffCommand.self,
            RolloutCommand.self, NodeCommand.self, ServeCommand.self, SyncCommand.self, RollbackCommand.self,
            ClusterCommand.self, ControllersCommand.self,
        ]
    )

    public init() {}

    /// Starts, on another core, what the command will need before its arguments are parsed: a dry
    /// run's first reads of the state.
    public static func prepare(arguments: [String]) {
        guard arguments.dropFirst().first == "reconcile" else { return }
        ReconcileCommand.prefetch(arguments: Array(arguments.dropFirst(2)))
    }
}

/// The version `berth --version` prints.
enum BerthVersion {
    static let current = "0.1.0"
}
