import ArgumentParser
import FoundationEssentials
import Reconciler
import Store

/// `berth diff`: live drift — what differs between the last synced commit and the stored state now.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show live drift: what differs between the last synced commit and the stored state now.",
        discussion: """
            The plan that would put git's last synced commit back over the live state: an image \
            edited by hand, a deleted Service, a scaled Deployment. Exit 0 when there is no drift, \
            2 when there is.

            Examples:
              berth diff
              berth diff -o json
            """
    )

    @OptionGroup var state: StateOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var output: OutputFormat = .text

    func run() throws {
        let outcome = try DriftCheck.plan(stateDirectory: state.directory)
        if output == .json {
            print(PlanJSON.render(outcome, health: nil))
        } else {
            print(PlanPrinter(terminal: .standardOutput()).render(outcome, noun: "drift"), terminator: "")
        }
        if !outcome.plan.changes.isEmpty { throw ExitCode(2) }
    }
}

/// The plan of the last synced commit against the store, written nowhere.
enum DriftCheck {
    static func plan(stateDirectory: String) throws -> ReconcileOutcome {
        guard let store = try SQLiteStore.openExisting(directory: stateDirectory), let synced = try SyncedSource.latest(in: store) else {
            Terminal.printError("error: \(stateDirectory) has never synced; run berth reconcile first")
            throw ExitCode.failure
        }
        var options = ReconcileOptions()
        options.repository = synced.repository
        options.path = synced.path
        options.revision = synced.revision
        options.stateDirectory = stateDirectory
        options.dryRun = true
        do {
            return try Reconciler(options: options).run()
        } catch let error as ReconcileError {
            for issue in error.issues { Terminal.printError("error: \(issue)") }
            throw ExitCode.failure
        }
    }
}
