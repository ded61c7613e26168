/// Serves the requests of one accepted connection, in order, until it should close.
///
/// Runs on a worker thread. `stopSignal` is the read end of the server's wake pipe: once it is
/// readable the server is stopping, so an idle connection closes at once and a request already
/// arriving is finished and answered with `Connection: close`.
struct HTTPConnection {
    let fd: Int32
    let stopSignal: Int32
    let configuration: HTTPServerConfiguration
    let handler: @Sendable (HTTPRequest) -> HTTPResponse
    private var buffer: [UInt8] = []

    init(fd: Int32, stopSignal: Int32, configuration: HTTPServerConfiguration,
         handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.fd = fd
        self.stopSignal = stopSignal
        self.configuration = configuration
        self.handler = handler
    }

    /// What waiting for more bytes came to.
    private enum Arrival {
        case data, closed, timedOut, stopping
    }

    mutating func serve() {
        while true {
            let deadline = ContinuousClock.now + configuration.readTimeout
            let headEnd: Int
            switch readHead(until: deadline) {
            case .head(let end): headEnd = end
            case .reject(let rejection):
                answer(rejection)
                return
            case .close: return
            }
            let head: RequestHead
            switch RequestHeadParser.parse(buffer[..<headEnd], maxBodyBytes: configuration.maxBodyBytes) {
            case .success(let parsed): head = parsed
            case .failure(let rejection):
                answer(rejection)
                return
            }
            buffer.removeFirst(headEnd + 4)
            if head.expectsContinue && buffer.count < head.contentLength {
                guard Posix.writeAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return }
            }
            while buffer.count < head.contentLength {
                switch wait(until: deadline, watchingStop: false) {
                case .data: continue
                case .timedOut:
                    answer(RequestRejection(status: 408, message: "request body did not arrive in time"))
                    return
                case .closed, .stopping: return
                }
            }
            let body = Array(buffer.prefix(head.contentLength))
            buffer.removeFirst(head.contentLength)
            let request = HTTPRequest(
                method: head.method, path: head.path, query: head.query, headers: head.headers, body: body,
                rawTarget: head.rawTarget, version: head.version)
            let response = handler(request)
            let close = !head.keepAlive || isStopping
            let bytes = response.serialized(close: close, includeBody: head.method != "HEAD", date: date)
            guard Posix.writeAll(fd, bytes), !close else { return }
        }
    }

    private enum HeadOutcome {
        /// The blank line ending the head starts at this offset.
        case head(Int)
        case reject(RequestRejection)
        /// Close without a word: the client left, stayed idle, or the server is stopping.
        case close
    }

    /// Reads until the blank line ending a head.
    private mutating func readHead(until deadline: ContinuousClock.Instant) -> HeadOutcome {
        var searchFrom = 0
        while true {
            if let end = Self.blankLine(in: buffer, from: searchFrom) {
                return end > configuration.maxHeaderBytes ? .reject(tooLarge) : .head(end)
            }
            if buffer.count > configuration.maxHeaderBytes { return .reject(tooLarge) }
            searchFrom = max(0, buffer.count - 3)
            // Only an idle connection may be dropped on stop; a half-sent request is finished.
            switch wait(until: deadline, watchingStop: buffer.isEmpty) {
            case .data: continue
            case .closed, .stopping: return .close
            case .timedOut:
                if buffer.isEmpty { return .close }
                return .reject(RequestRejection(status: 408, message: "request head did not arrive in time"))
            }
        }
    }

    private var tooLarge: RequestRejection {
        RequestRejection(status: 431, message: "request head over the limit of \(configuration.maxHeaderBytes) bytes")
    }

    private mutating func wait(until deadline: ContinuousClock.Instant, watchingStop: Bool) -> Arrival {
        let remaining = ContinuousClock.now.duration(to: deadline)
        if remaining <= .zero { return .timedOut }
        let fds = watchingStop ? [fd, stopSignal] : [fd]
        // Round up so a deadline under a millisecond away still waits instead of spinning.
        let ready = Posix.waitReadable(fds, milliseconds: remaining.milliseconds + 1)
        if ready[0] {
            return Posix.read(fd, into: &buffer, max: 16 * 1024) > 0 ? .data : .closed
        }
        if watchingStop && ready[1] { return .stopping }
        return ContinuousClock.now < deadline ? .data : .timedOut
    }

    private var isStopping: Bool {
        Posix.waitReadable([stopSignal], milliseconds: 0)[0]
    }

    private var date: String? {
        configuration.sendsDate ? HTTPDate.now() : nil
    }

    private func answer(_ rejection: RequestRejection) {
        let response = HTTPResponse.text(rejection.message + "\n", status: rejection.status)
        Posix.writeAll(fd, response.serialized(close: true, includeBody: true, date: date))
    }

    /// The index of the first `\r\n\r\n` at or after `start`.
    static func blankLine(in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var index = start
        while index + 3 < bytes.count {
            if bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }
}
