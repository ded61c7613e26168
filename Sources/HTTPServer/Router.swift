/// Dispatches requests by exact path and method.
///
/// An unknown path answers 404; a known path with another method answers 405 with `Allow`.
/// HEAD falls back to the GET route (the server drops the body), as RFC 9110 §9.3.2 expects.
/// Routes are added before the server starts, so the router is a value and needs no lock.
public struct Router: Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    private var routes: [String: [String: Handler]] = [:]

    public init() {}

    /// Adds or replaces the handler for `method` (case-sensitive, as HTTP methods are) on `path`.
    public mutating func route(_ method: String, _ path: String, _ handler: @escaping Handler) {
        routes[path, default: [:]][method] = handler
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        guard let methods = routes[request.path] else { return .notFound }
        if let handler = methods[request.method] { return handler(request) }
        if request.method == "HEAD", let handler = methods["GET"] { return handler(request) }
        var allowed = Set(methods.keys)
        if allowed.contains("GET") { allowed.insert("HEAD") }
        return .methodNotAllowed(allowed: allowed.sorted())
    }

    /// The router as a server handler.
    public var handler: Handler {
        let router = self
        return { router.handle($0) }
    }
}
