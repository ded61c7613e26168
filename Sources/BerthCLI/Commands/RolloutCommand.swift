import ArgumentParser
import ControlPlane
import Controllers
import FoundationEssentials
import Resources
import Store

/// `berth rollout …`: a Deployment's rollout, as kubectl shows and steers it.
struct RolloutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout",
        abstract: "Watch a Deployment's rollout, list its revisions, or roll it back.",
        discussion: """
            Examples:
              berth rollout status deployment/web -n shop
              berth rollout history deployment/web -n shop
              berth rollout undo deployment/web -n shop --to-revision 1

            An undo changes the live Deployment, not git: the next berth reconcile shows it as a \
            difference and puts git's template back. To roll back for good, revert the commit in git.
            """,
        subcommands: [RolloutStatusCommand.self, RolloutHistoryCommand.self, RolloutUndoCommand.self]
    )
}

/// `deployment/web`, `deploy/web` or `web`, in a namespace.
struct DeploymentReference: ParsableArguments {
    @Argument(help: ArgumentHelp("The Deployment: deployment/NAME (or deploy/NAME, or NAME).", valueName: "deployment/name"))
    var reference: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The namespace (default: default).", valueName: "ns"))
    var namespace = "default"

    @OptionGroup var state: StateOptions

    func validate() throws {
        let parts = reference.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, !["deployment", "deployments", "deploy", "deployments.apps", "deployment.apps"].contains(parts[0].lowercased()) {
            throw ValidationError("rollout works on Deployments: expected deployment/NAME, found \(reference)")
        }
        if parts.count > 2 || parts.last?.isEmpty == true { throw ValidationError("expected deployment/NAME, found \(reference)") }
    }

    var key: ObjectKey {
        ObjectKey(group: "apps", kind: "Deployment", namespace: namespace, name: String(reference.split(separator: "/").last ?? ""))
    }

    func existingStore() throws -> SQLiteStore {
        guard let store = try SQLiteStore.openExisting(directory: state.directory), try store.get(key) != nil else {
            Terminal.printError("Error from server (NotFound): deployments.apps \"\(key.name)\" not found")
            throw ExitCode.failure
        }
        return store
    }
}

struct RolloutStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Wait for a Deployment's rollout to finish, printing its progress (exit 3 if it does not within --timeout, or exceeds its progress deadline).",
        discussion: "Example:\n  berth rollout status deployment/web -n shop --timeout 2m")

    @OptionGroup var deployment: DeploymentReference
    @Option(help: ArgumentHelp("How long to wait.", valueName: "duration")) var timeout = DurationArgument(seconds: 300)

    func run() throws {
        let store = try deployment.existingStore()
        let key = deployment.key
        var last = ""
        let done = try Convergence(store: store).wait(
            timeout: timeout.seconds,
            until: { view in
                let health = Health.of(view.get(key))
                return health.status == .healthy || health.status == .degraded || health.status == .suspended
            },
            tick: { view in
                let health = Health.of(view.get(key))
                guard health.status == .progressing, health.message != last else { return }
                last = health.message
                print("Waiting for deployment \"\(key.name)\" rollout to finish: \(health.message)...")
            })
        let health = Health.of(try store.get(key)?.value)
        switch health.status {
        case .healthy: print("deployment \"\(key.name)\" successfully rolled out")
        case .suspended: print("deployment \"\(key.name)\" is paused")
        case .degraded:
            Terminal.printError("error: \(health.message)")
            throw ExitCode(3)
        default:
            Terminal.printError("error: timed out after \(timeout) waiting for deployment \"\(key.name)\": \(health.message)")
            throw ExitCode(3)
        }
        _ = done
    }
}

struct RolloutHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List a Deployment's revisions with their change cause (the commit that made each).",
        discussion: "Example:\n  berth rollout history deployment/web -n shop")

    @OptionGroup var deployment: DeploymentReference

    func run() throws {
        let store = try deployment.existingStore()
        let revisions = try RolloutOperations.history(of: deployment.key, in: store)
        print("deployment.apps/\(deployment.key.name)")
        var table = Table(["REVISION", "CHANGE-CAUSE"])
        for revision in revisions { table.append([String(revision.revision), revision.changeCause ?? "<none>"]) }
        print(table.rendered)
    }
}

struct RolloutUndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Roll a Deployment back to its previous revision, or to --to-revision N.",
        discussion: "Example:\n  berth rollout undo deployment/web -n shop --to-revision 2")

    @OptionGroup var deployment: DeploymentReference
    @Option(help: ArgumentHelp("The revision to go back to (default: the previous one).", valueName: "N")) var toRevision: Int64?

    func run() throws {
        let store = try deployment.existingStore()
        do {
            if let revision = try RolloutOperations.undo(deployment.key, toRevision: toRevision, in: store) {
                print("deployment.apps/\(deployment.key.name) rolled back to revision \(revision)")
            } else {
                print("deployment.apps/\(deployment.key.name) skipped rollback (current template already matches revision \(toRevision ?? 0))")
            }
        } catch let error as RollbackError {
            Terminal.printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}
