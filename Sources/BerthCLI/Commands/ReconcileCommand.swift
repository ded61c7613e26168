import ArgumentParser
import Foundation
import Reconciler

/// `berth reconcile`: read a commit, plan it against the store, preview or apply it.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Plan a commit's manifests against the stored state; preview it or apply it atomically.",
        discussion: """
            Manifests are read from the commit's tree (never the work tree): every *.yaml and *.yml \
            under --path, recursively, several documents per file. Any invalid manifest refuses the \
            whole commit and nothing is written.

            Exit codes: 0 applied or in sync; 1 refused or failed (nothing written); 2 --dry-run found changes.

            Examples:
              berth reconcile --dry-run                      # preview HEAD's manifests/ in this repository
              berth reconcile                                # apply it in one transaction
              berth reconcile --repo file:///srv/git/app.git --revision v1.2.0 --path deploy
              berth reconcile --dry-run -o json              # the plan for programs
            """
    )

    @Option(help: ArgumentHelp("A git repository: a local folder (work tree or bare) or a URL.", valueName: "path|url"))
    var repo = "."

    @Option(help: ArgumentHelp("The commit to read: a branch, tag or sha (a remote: its default branch).", valueName: "rev"))
    var revision = "HEAD"

    @Option(help: ArgumentHelp("The folder of manifests inside the commit.", valueName: "dir"))
    var path = "manifests"

    @OptionGroup var state: StateOptions

    @Flag(help: "Show what would change and write nothing; exit 2 if anything would change.")
    var dryRun = false

    @Flag(help: "Keep objects this source applied before that are gone from the commit.")
    var noPrune = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var output: OutputFormat = .text

    func validate() throws {
        guard output == .text || output == .json else {
            throw ValidationError("-o must be text or json for reconcile")
        }
    }

    func run() async throws {
        var options = ReconcileOptions()
        options.repository = repo
        options.revision = revision
        options.path = path
        options.stateDirectory = state.directory
        options.dryRun = dryRun
        options.prune = !noPrune

        let outcome: ReconcileOutcome
        do {
            outcome = try Reconciler(options: options).run()
        } catch let error as ReconcileError {
            for issue in error.issues { Terminal.printError("error: \(issue)") }
            if let hint = error.hint { Terminal.printError("hint: \(hint)") }
            throw ExitCode.failure
        }
        for warning in outcome.source.warnings { Terminal.printError("warning: \(warning)") }

        let printer = PlanPrinter(terminal: .standardOutput())
        switch output {
        case .json: print(PlanJSON.render(outcome))
        default: print(printer.render(outcome), terminator: "")
        }
        if outcome.result == .previewed && !outcome.plan.changes.isEmpty { throw ExitCode(2) }
    }
}
