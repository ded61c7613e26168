import ArgumentParser
import FoundationEssentials
import Glibc
import Reconciler
import Store

/// `berth reconcile`: read a commit, plan it against the store, preview or apply it.
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Plan a commit's manifests against the stored state; preview it or apply it atomically.",
        discussion: """
            Manifests are read from the commit's tree (never the work tree): every *.yaml and *.yml \
            under --path, recursively, several documents per file. Any invalid manifest refuses the \
            whole commit and nothing is written.

            After applying, berth runs the controllers (scheduler, deployments, simulated nodes …) until \
            every resource is healthy, or --timeout passes; --no-wait returns at once.

            Exit codes: 0 applied or in sync (and healthy); 1 refused or failed (nothing written); \
            2 --dry-run found changes; 3 applied but not healthy within --timeout.

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

    @Option(help: ArgumentHelp("How long to wait for the resources to become healthy.", valueName: "duration"))
    var timeout = DurationArgument(seconds: 300)

    @Flag(help: "Apply and return at once, without waiting for the rollout.")
    var noWait = false

    func validate() throws {
        guard output == .text || output == .json else {
            throw ValidationError("-o must be text or json for reconcile")
        }
    }

    func run() throws {
        var options = ReconcileOptions()
        options.repository = repo
        options.revision = revision
        options.path = path
        options.stateDirectory = state.directory
        options.dryRun = dryRun
        options.prune = !noPrune
        try ReconcileRun(options: options, output: output, timeout: timeout, wait: !noWait).perform()
    }
}

extension ReconcileCommand {
    /// Before the parse: a dry run starts reading the state with the options these arguments
    /// most likely give (`Reconciler.prefetchState`). A wrong guess costs only the read: the run
    /// uses what was read only for exactly its own options.
    static func prefetch(arguments: [String]) {
        guard arguments.contains("--dry-run"), !arguments.contains(where: { $0 == "--help" || $0 == "-h" }) else { return }
        func value(of name: String) -> String? {
            for (i, argument) in arguments.enumerated() {
                if argument == name, i + 1 < arguments.count { return arguments[i + 1] }
                if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
            }
            return nil
        }
        var options = ReconcileOptions()
        options.repository = value(of: "--repo") ?? options.repository
        options.path = value(of: "--path") ?? options.path
        options.stateDirectory = StateOptions.directory(flag: value(of: "--state"))
        options.dryRun = true
        Reconciler.prefetchState(for: options)
    }
}

/// One reconcile as the commands run it: plan and apply, print, then wait for health.
struct ReconcileRun {
    var options: ReconcileOptions
    var output: OutputFormat
    var timeout: DurationArgument
    var wait: Bool

    /// Exits 1 on a refusal, 2 for a dry run with changes, 3 when not healthy in time.
    func perform() throws {
        let outcome: ReconcileOutcome
        do {
            outcome = try Reconciler(options: options).run()
        } catch let error as ReconcileError {
            for issue in error.issues { Terminal.printError("error: \(issue)") }
            if let hint = error.hint { Terminal.printError("hint: \(hint)") }
            throw ExitCode.failure
        }
        for warning in outcome.source.warnings { Terminal.printError("warning: \(warning)") }

        let terminal = Terminal.standardOutput()
        if output == .text { print(PlanPrinter(terminal: terminal).render(outcome), terminator: "") }
        if outcome.result == .previewed {
            if output == .json { print(PlanJSON.render(outcome, health: nil)) }
            Self.exit(outcome.plan.changes.isEmpty ? 0 : 2, keeping: outcome)
        }
        guard wait else {
            if output == .json { print(PlanJSON.render(outcome, health: nil)) }
            Self.exit(0, keeping: outcome)
        }
        let health = try waitForHealth(outcome, terminal: terminal)
        if output == .json { print(PlanJSON.render(outcome, health: health)) }
        if health.aggregate > .suspended { throw ExitCode(3) }
    }

    /// Ends the process once the output is out, without freeing the plan or closing the store
    /// first: for 10,000 objects that takes tens of milliseconds and gives nothing back (the
    /// process is ending). What the store logged is checkpointed, as a close would.
    private static func exit(_ code: Int32, keeping outcome: ReconcileOutcome) -> Never {
        if outcome.result != .previewed { try? outcome.store?.checkpoint() }
        fflush(nil)  // every output stream
        withExtendedLifetime(outcome) { Glibc.exit(code) }
    }

    /// Runs the controllers until the source's resources are healthy, prints the verdict and keeps
    /// it with the sync record.
    private func waitForHealth(_ outcome: ReconcileOutcome, terminal: Terminal) throws -> HealthWait.Outcome {
        let store = try outcome.store ?? SQLiteStore.open(directory: options.stateDirectory)
        let wait = HealthWait(
            store: store, keys: outcome.source.keys, timeout: timeout.seconds, terminal: terminal,
            showProgress: output == .text)
        let result = try wait.run()
        if let id = outcome.syncRecordID {
            try store.write { tx in try tx.recordHealth(result.aggregate.rawValue, ofSync: id) }
        }
        if output == .text { print(HealthPrinter(terminal: terminal).render(result, timeout: timeout)) }
        return result
    }
}
