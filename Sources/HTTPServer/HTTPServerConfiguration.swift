/// Limits that keep one client from holding the server; the defaults suit a loopback control API.
public struct HTTPServerConfiguration: Sendable, Hashable {
    /// How long one request may take to arrive, head and body, and how long an idle keep-alive
    /// connection is kept. Counted from the first wait, so a client trickling a byte at a time
    /// is cut off as surely as a silent one.
    public var readTimeout: Duration
    /// How long writing a response may block on a client that does not read.
    public var writeTimeout: Duration
    /// Largest request head (request line and header fields); over it the answer is 431.
    public var maxHeaderBytes: Int
    /// Largest request body; over it the answer is 413.
    public var maxBodyBytes: Int
    /// Connections served at once; each has its own worker thread.
    public var maxConnections: Int
    /// Accepted connections waiting for a worker; beyond these the answer is 503.
    public var maxPendingConnections: Int
    /// Whether responses carry a `Date` header (RFC 9110 §6.6.1 asks for one when the clock is sound).
    public var sendsDate: Bool

    public init(
        readTimeout: Duration = .seconds(10), writeTimeout: Duration = .seconds(10), maxHeaderBytes: Int = 8 * 1024,
        maxBodyBytes: Int = 1024 * 1024, maxConnections: Int = 16, maxPendingConnections: Int = 64,
        sendsDate: Bool = true
    ) {
        self.readTimeout = readTimeout
        self.writeTimeout = writeTimeout
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.maxConnections = maxConnections
        self.maxPendingConnections = maxPendingConnections
        self.sendsDate = sendsDate
    }

    /// The first field out of range, worded for the user, or nil when all are usable.
    var problem: String? {
        if readTimeout <= .zero { return "readTimeout must be positive" }
        if writeTimeout <= .zero { return "writeTimeout must be positive" }
        if maxHeaderBytes < 64 { return "maxHeaderBytes must be at least 64" }
        if maxBodyBytes < 0 { return "maxBodyBytes must not be negative" }
        if !(1...1024).contains(maxConnections) { return "maxConnections must be between 1 and 1024" }
        if maxPendingConnections < 0 { return "maxPendingConnections must not be negative" }
        return nil
    }
}

extension Duration {
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
