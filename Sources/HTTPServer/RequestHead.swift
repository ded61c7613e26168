import FoundationEssentials

/// The request line and header fields of one request, before its body is read.
struct RequestHead: Sendable {
    var method: String
    var rawTarget: String
    var path: String
    var query: [String: String]
    var version: String
    var headers: HTTPHeaders
    var contentLength: Int
    var keepAlive: Bool
    var expectsContinue: Bool
}

/// Why a request cannot be served; the connection answers `status` with `message` and closes.
struct RequestRejection: Error, Sendable, Equatable {
    var status: Int
    var message: String
}

/// Parses a request head (everything before the blank line) under RFC 9112's rules, strictly:
/// a server on a network port should refuse what it does not understand rather than guess.
enum RequestHeadParser {
    static func parse(_ bytes: ArraySlice<UInt8>, maxBodyBytes: Int) -> Result<RequestHead, RequestRejection> {
        Result { try parseOrThrow(bytes, maxBodyBytes: maxBodyBytes) }
            .mapError { $0 as? RequestRejection ?? RequestRejection(status: 400, message: "malformed request") }
    }

    private static func parseOrThrow(_ bytes: ArraySlice<UInt8>, maxBodyBytes: Int) throws -> RequestHead {
        // Bytes outside visible ASCII, tab and space are not allowed in a head; obs-text (0x80+)
        // in values is allowed by RFC 9112, and UTF-8 decoding below accepts it when well-formed.
        guard let text = String(validating: bytes, as: UTF8.self) else { throw bad("request head is not valid UTF-8") }
        var lines = text.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst()
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw bad("request line must be METHOD SP target SP version") }
        let method = String(parts[0])
        let rawTarget = String(parts[1])
        let version = String(parts[2])
        guard !method.isEmpty, method.utf8.allSatisfy(isTokenByte) else { throw bad("invalid method") }
        let versionShape = Array(version.utf8)
        guard versionShape.count == 8, version.hasPrefix("HTTP/"), isDigit(versionShape[5]),
            versionShape[6] == UInt8(ascii: "."), isDigit(versionShape[7])
        else { throw bad("invalid HTTP version") }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            throw RequestRejection(status: 505, message: "only HTTP/1.0 and HTTP/1.1 are supported")
        }
        let headers = try parseFields(lines)
        let (path, query) = try parseTarget(rawTarget)
        if version == "HTTP/1.1" && headers.values(for: "Host").count != 1 {
            throw bad("an HTTP/1.1 request needs exactly one Host header")
        }
        let contentLength = try bodyLength(headers, maxBodyBytes: maxBodyBytes)
        let connection = headers.tokens(for: "Connection")
        let keepAlive = version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
        let expectsContinue = version == "HTTP/1.1" && headers["Expect"]?.lowercased() == "100-continue"
        return RequestHead(
            method: method, rawTarget: rawTarget, path: path, query: query, version: version, headers: headers,
            contentLength: contentLength, keepAlive: keepAlive, expectsContinue: expectsContinue)
    }

    private static func parseFields(_ lines: [String]) throws -> HTTPHeaders {
        var headers = HTTPHeaders()
        for line in lines {
            if line.hasPrefix(" ") || line.hasPrefix("\t") { throw bad("folded header lines are not accepted") }
            guard let colon = line.firstIndex(of: ":") else { throw bad("header line without a colon") }
            let name = line[..<colon]
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else { throw bad("invalid header name") }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
            guard value.unicodeScalars.allSatisfy({ $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F) }) else {
                throw bad("control character in header \(name)")
            }
            headers.add(name: String(name), value: value)
        }
        return headers
    }

    /// Only origin-form targets (`/path?query`): berth is not a proxy, so absolute-form and
    /// authority-form have no use here, and `*` is only meaningful for OPTIONS on a proxy.
    private static func parseTarget(_ target: String) throws -> (String, [String: String]) {
        guard target.hasPrefix("/") else { throw bad("request target must start with /") }
        let rawPath: Substring
        var query: [String: String] = [:]
        if let mark = target.firstIndex(of: "?") {
            rawPath = target[..<mark]
            for pair in target[target.index(after: mark)...].split(separator: "&") where !pair.isEmpty {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = try decode(kv[0], plusIsSpace: true)
                query[key] = kv.count > 1 ? try decode(kv[1], plusIsSpace: true) : ""
            }
        } else {
            rawPath = Substring(target)
        }
        let path = try decode(rawPath, plusIsSpace: false)
        guard !path.unicodeScalars.contains("\0") else { throw bad("NUL in path") }
        return (path, query)
    }

    /// Percent-decoding (RFC 3986 §2.1); `+` means space only in the query, as in HTML forms.
    static func decode(_ text: Substring, plusIsSpace: Bool) throws -> String {
        var out: [UInt8] = []
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = bytes.next().flatMap(hexValue), let low = bytes.next().flatMap(hexValue) else {
                    throw bad("invalid percent-encoding in \(text)")
                }
                out.append(high << 4 | low)
            case UInt8(ascii: "+") where plusIsSpace:
                out.append(UInt8(ascii: " "))
            default:
                out.append(byte)
            }
        }
        guard let decoded = String(validating: out, as: UTF8.self) else { throw bad("percent-decoded target is not UTF-8") }
        return decoded
    }

    private static func bodyLength(_ headers: HTTPHeaders, maxBodyBytes: Int) throws -> Int {
        // Chunked request bodies are refused: berth's clients (webhooks, curl) send Content-Length,
        // and refusing removes the request-smuggling ambiguity between the two framings.
        if !headers.values(for: "Transfer-Encoding").isEmpty {
            throw RequestRejection(
                status: 501, message: "Transfer-Encoding request bodies are not supported; send Content-Length")
        }
        let lengths = Set(headers.tokens(for: "Content-Length"))
        guard let only = lengths.first else { return 0 }
        guard lengths.count == 1, !only.isEmpty, only.utf8.count <= 18, only.utf8.allSatisfy(isDigit),
            let length = Int(only)
        else { throw bad("invalid Content-Length") }
        guard length <= maxBodyBytes else {
            throw RequestRejection(status: 413, message: "request body over the limit of \(maxBodyBytes) bytes")
        }
        return length
    }

    private static func bad(_ message: String) -> RequestRejection {
        RequestRejection(status: 400, message: message)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// `tchar` from RFC 9110 §5.6.2.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
