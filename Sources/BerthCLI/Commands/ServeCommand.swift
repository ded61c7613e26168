import ArgumentParser
import Dispatch
import Foundation
import Logging
import Serve

/// `berth serve`: the commit-to-deploy loop.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Follow a branch, apply each new commit, heal drift and run the controllers, until stopped.",
        discussion: """
            A local repository is followed through notifications on its refs, so a new commit is \
            applied within a second; a URL is fetched every --interval. Drift (live state git does \
            not hold) is looked for every --interval and put back to git, or only reported with \
            --no-self-heal. SIGINT or SIGTERM stop it after the step in hand: an apply completes or \
            does not happen, never half.

            Examples:
              berth serve
              berth serve --repo file:///srv/git/app.git --interval 1m
            """
    )

    @Option(help: ArgumentHelp("A git repository: a local folder or a URL.", valueName: "path|url")) var repo = "."
    @Option(help: ArgumentHelp("The branch (or revision) to follow.", valueName: "rev")) var revision = "HEAD"
    @Option(help: ArgumentHelp("The folder of manifests inside the commit.", valueName: "dir")) var path = "manifests"
    @Option(help: ArgumentHelp("How often to fetch a remote and look for drift.", valueName: "duration"))
    var interval = DurationArgument(seconds: 30)
    @Flag(help: "Report drift but do not put it back.") var noSelfHeal = false
    @OptionGroup var state: StateOptions

    func validate() throws {
        guard interval.seconds >= 1 else { throw ValidationError("--interval must be at least 1s") }
    }

    func run() async throws {
        var options = ServeOptions()
        options.repository = repo
        options.revision = revision
        options.path = path
        options.stateDirectory = state.directory
        options.interval = interval.seconds
        options.selfHeal = !noSelfHeal
        let server = GitOpsServer(options: options, logger: Logger(label: "berth") { LogfmtHandler(label: $0) })

        // Signals only set a flag; the loop finishes its step and returns.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let signals = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { server.stop() }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        try server.run()
    }
}
