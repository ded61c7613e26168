import FoundationEssentials
import HTTPServer
import Resources

/// Where a running server listens, kept in the state folder so `berth sync` can find it.
public struct ServerAddress: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var pid: Int32

    static func file(in stateDirectory: String) -> String {
        stateDirectory.appendingPath("server.json")
    }

    public static func read(stateDirectory: String) -> ServerAddress? {
        guard let data = FileManager.default.contents(atPath: file(in: stateDirectory)),
            let value = try? Value(json: String(decoding: data, as: UTF8.self)),
            let host = value["host"]?.stringValue, let port = value["port"]?.intValue, let pid = value["pid"]?.intValue
        else { return nil }
        return ServerAddress(host: host, port: Int(port), pid: Int32(pid))
    }

    func write(stateDirectory: String) throws {
        let value: Value = ["host": .string(host), "port": .int(Int64(port)), "pid": .int(Int64(pid))]
        try Data(value.jsonString().utf8).write(to: URL(fileURLWithPath: Self.file(in: stateDirectory)), options: .atomic)
    }
}

/// `/healthz`, `/readyz`, `/metrics` and the sync webhook of `berth serve`.
public final class ServerListener: Sendable {
    public let server: HTTPServer
    let stateDirectory: String

    /// Binds to loopback unless told otherwise; anywhere else the sync endpoint needs a secret
    /// (checked by the caller before this is made).
    public init(host: String, port: Int, gitops: GitOpsServer, secret: WebhookSecret?, stateDirectory: String) {
        var router = Router()
        router.route("GET", "/healthz") { _ in .text("ok\n") }
        router.route("GET", "/readyz") { _ in gitops.isReady ? .text("ready\n") : .text("not ready\n", status: 503) }
        router.route("GET", "/metrics") { _ in
            HTTPResponse(status: 200, headers: [("Content-Type", MetricsRegistry.contentType)], body: Array(gitops.metrics.registry.render().utf8))
        }
        router.route("POST", "/api/v1/sync") { request in
            if let secret, !secret.verify(request).isAccepted {
                return .text("a valid webhook secret is required\n", status: 401)
            }
            gitops.requestSync()
            return .json(#"{"sync":"requested"}"#, status: 202)
        }
        server = HTTPServer(host: host, port: port, handler: router.handler)
        self.stateDirectory = stateDirectory
    }

    public func start() throws {
        try server.start()
        let address = ServerAddress(host: server.host, port: server.boundPort ?? server.port, pid: ProcessInfo.processInfo.processIdentifier)
        try address.write(stateDirectory: stateDirectory)
    }

    /// Withdraws the address (so `berth sync` stops finding it), then stops gracefully: requests
    /// already arriving are answered, idle connections closed, every thread joined.
    public func stop() {
        try? FileManager.default.removeItem(atPath: ServerAddress.file(in: stateDirectory))
        server.stop()
    }

    /// Loopback addresses need no secret; anything else exposes the sync endpoint to the network.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
