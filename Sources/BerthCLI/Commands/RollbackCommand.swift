import ArgumentParser
import FoundationEssentials
import GitSource
import Reconciler
import Store

/// `berth rollback`: undo a commit the GitOps way — a revert commit in git, then a sync to it.
struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Revert a commit in git (the last synced one by default), push it if the source is remote, and sync to it.",
        discussion: """
            The revert is an ordinary commit (author and message as git revert writes them), so git \
            stays the truth and a running berth serve never undoes it. A clean work tree follows; \
            uncommitted changes to the files the revert touches refuse it. Reverting a merge \
            commit, or a commit whose revert conflicts with later ones, refuses and changes nothing.

            Examples:
              berth rollback                 # revert the last synced commit
              berth rollback 3f2a9c1         # revert that commit, and only it
            """
    )

    @Argument(help: ArgumentHelp("The commit to revert (default: the last synced one).", valueName: "sha"))
    var commit: String?

    @Option(help: ArgumentHelp("The repository (default: the one the state follows).", valueName: "path|url"))
    var repo: String?

    @OptionGroup var state: StateOptions

    @Option(help: ArgumentHelp("How long to wait for the resources to become healthy.", valueName: "duration"))
    var timeout = DurationArgument(seconds: 300)

    @Flag(help: "Sync and return at once, without waiting for the rollout.") var noWait = false

    func run() throws {
        let synced = try SQLiteStore.openExisting(directory: state.directory).flatMap { try SyncedSource.latest(in: $0) }
        guard let repository = repo ?? synced?.repository else {
            Terminal.printError("error: \(state.directory) has never synced; pass --repo to say which repository to revert in")
            throw ExitCode.failure
        }
        guard let target = commit ?? synced?.revision else {
            Terminal.printError("error: nothing has been synced yet; name the commit to revert")
            throw ExitCode.failure
        }
        let reverted: CommitInfo
        let revert: CommitInfo
        do {
            let git = Reconciler.isURL(repository)
                ? try GitRepository.mirror(
                    url: repository, cacheDirectory: state.directory.appendingPath("sources"))
                : try GitRepository.open(path: repository)
            reverted = try git.resolve(target)
            revert = try git.revert(target)
            if Reconciler.isURL(repository) { try git.push(branch: try git.currentBranch()) }
        } catch {
            Terminal.printError("error: \(error)")
            Terminal.printError("hint: nothing was changed in git or in the cluster")
            throw ExitCode.failure
        }
        print("reverted \(reverted.shortID) \"\(reverted.subject)\" as \(revert.shortID) \"\(revert.subject)\"")

        var options = ReconcileOptions()
        options.repository = repository
        options.path = synced?.path ?? "manifests"
        options.revision = revert.id
        options.stateDirectory = state.directory
        try ReconcileRun(options: options, output: .text, timeout: timeout, wait: !noWait).perform()
    }
}
