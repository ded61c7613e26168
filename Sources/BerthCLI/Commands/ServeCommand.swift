import ArgumentParser
import Dispatch
import FoundationEssentials
import Glibc
import HTTPServer
import Logging
import Serve

/// `berth serve`: the commit-to-deploy loop.
struct ServeCommand: ParsableCommand {
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
              berth serve --listen 0.0.0.0:8477 --webhook-secret-file /etc/berth/webhook-secret
            """
    )

    @Option(help: ArgumentHelp("A git repository: a local folder or a URL.", valueName: "path|url")) var repo = "."
    @Option(help: ArgumentHelp("The branch (or revision) to follow.", valueName: "rev")) var revision = "HEAD"
    @Option(help: ArgumentHelp("The folder of manifests inside the commit.", valueName: "dir")) var path = "manifests"
    @Option(help: ArgumentHelp("How often to fetch a remote and look for drift.", valueName: "duration"))
    var interval = DurationArgument(seconds: 30)
    @Flag(help: "Report drift but do not put it back.") var noSelfHeal = false
    @Option(help: ArgumentHelp("Where /healthz, /readyz, /metrics and the sync webhook listen.", valueName: "host:port"))
    var listen = "127.0.0.1:8477"
    @Option(help: ArgumentHelp("A shared secret the sync webhook requires (Bearer token or GitHub's X-Hub-Signature-256).", valueName: "secret"))
    var webhookSecret: String?
    @Option(help: ArgumentHelp("A file holding the webhook secret.", valueName: "path"))
    var webhookSecretFile: String?
    @OptionGroup var state: StateOptions

    func validate() throws {
        guard interval.seconds >= 1 else { throw ValidationError("--interval must be at least 1s") }
        guard let (host, _) = Self.split(listen) else { throw ValidationError("--listen expects host:port, such as 127.0.0.1:8477") }
        if webhookSecret != nil && webhookSecretFile != nil {
            throw ValidationError("--webhook-secret and --webhook-secret-file exclude each other")
        }
        if !ServerListener.isLoopback(host) && webhookSecret == nil && webhookSecretFile == nil {
            throw ValidationError("listening on \(host) exposes the sync webhook: give --webhook-secret or --webhook-secret-file")
        }
    }

    static func split(_ listen: String) -> (String, Int)? {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port)
        else { return nil }
        let host = String(listen[..<colon])
        return host.isEmpty ? nil : (host, port)
    }

    func secret() throws -> WebhookSecret? {
        var text = webhookSecret
        if let webhookSecretFile {
            guard let data = FileManager.default.contents(atPath: webhookSecretFile) else {
                throw ValidationError("cannot read the webhook secret file \(webhookSecretFile)")
            }
            let raw = String(decoding: data, as: UTF8.self)
            let start = raw.firstIndex { !$0.isWhitespace } ?? raw.endIndex
            let end = raw.lastIndex { !$0.isWhitespace }.map(raw.index(after:)) ?? start
            text = String(raw[start..<end])
        }
        guard let text else { return nil }
        do {
            return try WebhookSecret(text)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() throws {
        var options = ServeOptions()
        options.repository = repo
        options.revision = revision
        options.path = path
        options.stateDirectory = state.directory
        options.interval = interval.seconds
        options.selfHeal = !noSelfHeal
        let logger = Logger(label: "berth") { LogfmtHandler(label: $0) }
        let server = GitOpsServer(options: options, logger: logger)
        let (host, port) = Self.split(listen)!
        let listener = ServerListener(host: host, port: port, gitops: server, secret: try secret(), stateDirectory: state.directory)
        try FileManager.default.createDirectory(atPath: state.directory, withIntermediateDirectories: true)
        do {
            try listener.start()
        } catch {
            Terminal.printError("error: \(error)")
            throw ExitCode.failure
        }
        logger.info("listening", metadata: ["address": "\(host):\(listener.server.boundPort ?? port)"])

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
        defer { listener.stop() }
        try server.run()
    }
}
