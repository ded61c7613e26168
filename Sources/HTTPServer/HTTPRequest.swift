/// One parsed HTTP/1.x request, as handed to a handler.
///
/// `path` is percent-decoded; `rawTarget` keeps the request target exactly as sent, for handlers
/// that must tell `/a%2Fb` from `/a/b`. A query key that appears twice keeps its last value.
public struct HTTPRequest: Sendable {
    public var method: String
    public var path: String
    public var query: [String: String]
    public var headers: HTTPHeaders
    public var body: [UInt8]
    public var rawTarget: String
    /// `"HTTP/1.1"` or `"HTTP/1.0"`.
    public var version: String

    public init(
        method: String, path: String, query: [String: String] = [:], headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [], rawTarget: String? = nil, version: String = "HTTP/1.1"
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.rawTarget = rawTarget ?? path
        self.version = version
    }

    /// The body as UTF-8 text, or nil when it is not valid UTF-8.
    public var bodyText: String? {
        String(validating: body, as: UTF8.self)
    }
}
