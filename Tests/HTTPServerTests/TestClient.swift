import Foundation
import Glibc
import HTTPServer

/// A raw-socket HTTP/1.1 client: tests need to send malformed and partial requests and to see
/// exactly when the server closes, which URLSession hides. Every read is bounded by SO_RCVTIMEO.
final class TestClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A response as read off the wire; header names lowercased.
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, receiveTimeoutSeconds: Int = 5) throws {
        fd = try Self.connected(port: port, receiveTimeoutSeconds: receiveTimeoutSeconds)
    }

    /// A socket connected to the port. Closed here on failure, before `self` owns it: a throwing
    /// initializer that has set every property runs `deinit` too, and a second close of the
    /// number could close another test's descriptor that reused it meanwhile.
    private static func connected(port: Int, receiveTimeoutSeconds: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket failed") }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            let code = errno
            close(fd)
            throw Failure(description: "connect failed: \(String(cString: strerror(code)))")
        }
        return fd
    }

    deinit {
        close(fd)
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "send failed") }
            offset += sent
        }
    }

    /// Reads one response framed by Content-Length (the server always sends it); `ignoringBody`
    /// is for responses that carry none whatever the header says (HEAD, 1xx).
    func readResponse(ignoringBody: Bool = false) throws -> Response {
        let headEnd = try readUntil { Self.find([13, 10, 13, 10], in: $0) }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line in \(head)")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "bad header \(line)") }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = ignoringBody ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        _ = try readUntil { $0.count >= length ? length : nil }
        let body = Array(buffer.prefix(length))
        buffer.removeFirst(length)
        return Response(status: status, headers: headers, body: body)
    }

    /// True when the server closes the connection (EOF) before the receive timeout, with nothing
    /// more sent.
    func closedByServer() -> Bool {
        var byte: UInt8 = 0
        return buffer.isEmpty && recv(fd, &byte, 1, 0) == 0
    }

    private func readUntil(_ found: ([UInt8]) -> Int?) throws -> Int {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let index = found(buffer) { return index }
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else {
                throw Failure(description: count == 0 ? "server closed the connection" : "receive timed out")
            }
            buffer += chunk[0..<count]
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<$0 + needle.count]) == needle }
    }

    /// Whether anything accepts connections on the port now.
    static func canConnect(port: Int) -> Bool {
        (try? TestClient(port: port)) != nil
    }
}

/// Runs `body` against a started server on a free port and stops the server afterwards.
func withServer<T>(
    configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
    handler: @escaping HTTPServer.Handler,
    _ body: (HTTPServer, Int) throws -> T
) throws -> T {
    let server = HTTPServer(port: 0, configuration: configuration, handler: handler)
    try server.start()
    defer { server.stop() }
    guard let port = server.boundPort else { throw TestClient.Failure(description: "no bound port") }
    return try body(server, port)
}

/// A request text with the Host header HTTP/1.1 requires.
func request(_ method: String, _ target: String, headers: [String] = [], body: String = "") -> String {
    var text = "\(method) \(target) HTTP/1.1\r\nHost: test\r\n"
    for header in headers { text += header + "\r\n" }
    if !body.isEmpty { text += "Content-Length: \(body.utf8.count)\r\n" }
    return text + "\r\n" + body
}
