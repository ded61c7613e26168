import FoundationEssentials

/// What a handler answers. The server always writes `Content-Length` from `body` (any the handler
/// set is replaced), and adds `Connection: close` when it is going to close the connection.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain` response; a newline is not added.
    public static func text(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }

    /// An `application/json` response from JSON the caller already produced.
    public static func json(_ json: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(json.utf8))
    }

    /// An `application/json` response encoding `value`, with sorted keys so output is stable.
    public static func json<Value: Encodable>(encoding value: Value, status: Int = 200) throws -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(data))
    }

    public static let notFound = HTTPResponse.text("not found\n", status: 404)

    /// 405 with the `Allow` header RFC 9110 §15.5.6 requires.
    public static func methodNotAllowed(allowed: [String]) -> HTTPResponse {
        var response = HTTPResponse.text("method not allowed; allowed: \(allowed.joined(separator: ", "))\n", status: 405)
        response.headers.append(("Allow", allowed.joined(separator: ", ")))
        return response
    }

    /// The first value of a header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }
}

extension HTTPResponse {
    /// The bytes on the wire. `includeBody` is false for HEAD, which still reports the GET length.
    func serialized(close: Bool, includeBody: Bool, date: String?) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(HTTPStatus.reason(for: status))\r\n"
        for (name, value) in headers {
            let lowered = name.lowercased()
            if lowered == "content-length" || lowered == "connection" || lowered == "transfer-encoding" { continue }
            if date != nil && lowered == "date" { continue }
            // A CR or LF in a handler's header would let it split the response; drop them.
            head += "\(Self.clean(name)): \(Self.clean(value))\r\n"
        }
        if let date { head += "Date: \(date)\r\n" }
        head += "Content-Length: \(body.count)\r\n"
        if close { head += "Connection: close\r\n" }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if includeBody { bytes += body }
        return bytes
    }

    private static func clean(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" })
    }
}

/// Reason phrases for the status codes berth sends; others get a generic phrase by class.
enum HTTPStatus {
    static func reason(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        case 100..<200: "Informational"
        case 200..<300: "Success"
        case 300..<400: "Redirection"
        case 400..<500: "Client Error"
        default: "Server Error"
        }
    }
}
