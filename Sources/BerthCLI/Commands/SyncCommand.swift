import ArgumentParser
import FoundationEssentials
import Glibc
import HTTPServer
import Serve

/// `berth sync`: asks a running `berth serve` on this state to fetch and sync now.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Ask the berth serve running on this state to fetch and sync now.",
        discussion: """
            Examples:
              berth sync
              berth sync --webhook-secret "$SECRET"   # when the server requires one
            """
    )

    @OptionGroup var state: StateOptions
    @Option(help: ArgumentHelp("The server's webhook secret, if it has one (default: $BERTH_WEBHOOK_SECRET).", valueName: "secret"))
    var webhookSecret: String?

    func run() throws {
        guard let address = ServerAddress.read(stateDirectory: state.directory), kill(address.pid, 0) == 0 else {
            Terminal.printError("error: no berth serve is running on \(state.directory); start one, or run berth reconcile")
            throw ExitCode.failure
        }
        let host = address.host == "0.0.0.0" ? "127.0.0.1" : address.host
        let secret = webhookSecret ?? ProcessInfo.processInfo.environment["BERTH_WEBHOOK_SECRET"]
        let status: Int
        do {
            status = try HTTPClient.status(
                method: "POST", host: host, port: address.port, path: "/api/v1/sync",
                headers: secret.map { [("Authorization", "Bearer \($0)")] } ?? [])
        } catch {
            Terminal.printError("error: \(error)")
            throw ExitCode.failure
        }
        guard status == 202 else {
            Terminal.printError("error: the server answered \(status)\(status == 401 ? ": it needs --webhook-secret" : "")")
            throw ExitCode.failure
        }
        print("sync requested from the server at \(host):\(address.port)")
    }
}
