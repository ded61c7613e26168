/// A failure starting the server, naming the address so the user can see which flag to change.
public struct HTTPServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for callers that react differently to each.
    public enum Reason: Sendable, Hashable {
        /// Another process (or another server here) holds the port.
        case addressInUse
        /// The host is not an IPv4 address or a name that resolves to one.
        case cannotResolveHost
        /// The port needs privileges this process lacks, or the address is not local.
        case cannotBind
        /// `start()` was called on a running server.
        case alreadyRunning
        /// The configuration is out of range; `message` says which field.
        case invalidConfiguration
        /// A socket call failed for another reason; `message` carries the system's words.
        case socketFailed
    }

    public var reason: Reason
    /// `host:port` as the caller gave it.
    public var address: String
    public var message: String

    public init(reason: Reason, address: String, message: String) {
        self.reason = reason
        self.address = address
        self.message = message
    }

    public var description: String {
        "cannot serve HTTP on \(address): \(message)"
    }
}
