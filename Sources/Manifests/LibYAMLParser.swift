import CYAML

/// Owns a libyaml parser and its current event, reading a buffer the caller keeps alive.
///
/// Every libyaml return code passes through `check`, which turns a failure into a `ManifestError`
/// carrying libyaml's own problem text and position.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let eventStorage: UnsafeMutablePointer<yaml_event_t>
    private let input: UnsafeBufferPointer<UInt8>
    private let file: String
    private var eventLive = false

    init(input: UnsafeBufferPointer<UInt8>, file: String) throws(ManifestError) {
        self.input = input
        self.file = file
        parser = .allocate(capacity: 1)
        eventStorage = .allocate(capacity: 1)
        // yaml_parser_initialize zeroes the struct first, so deinit may delete it even on failure.
        try check(yaml_parser_initialize(parser))
        if let base = input.baseAddress {
            yaml_parser_set_input_string(parser, base, input.count)
        }
    }

    deinit {
        if eventLive { yaml_event_delete(eventStorage) }
        yaml_parser_delete(parser)
        parser.deallocate()
        eventStorage.deallocate()
    }

    /// Parses the next event. It stays valid until `releaseEvent()`, which callers run in a defer.
    func nextEvent() throws(ManifestError) -> UnsafeMutablePointer<yaml_event_t> {
        try check(yaml_parser_parse(parser, eventStorage))
        eventLive = true
        return eventStorage
    }

    func releaseEvent() {
        guard eventLive else { return }
        yaml_event_delete(eventStorage)
        eventLive = false
    }

    /// libyaml functions return 1 on success and 0 on failure, with details left in the parser.
    private func check(_ returnCode: Int32) throws(ManifestError) {
        guard returnCode != 1 else { return }
        throw currentError()
    }

    private func currentError() -> ManifestError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown YAML error"
        switch p.error {
        case YAML_MEMORY_ERROR:
            return ManifestError(location: location(line: 0, column: 0), message: "out of memory while parsing YAML")
        case YAML_READER_ERROR:
            // The reader reports a byte offset, not a mark; count lines up to it ourselves.
            let offset = min(Int(p.problem_offset), input.count)
            let value = p.problem_value
            let detail = value >= 0 ? " (byte 0x\(hex(value)) at offset \(offset))" : " (at offset \(offset))"
            return ManifestError(location: locationOfByte(offset), message: "invalid text: \(problem)\(detail)")
        default:
            var message = problem
            if let context = p.context {
                let mark = p.context_mark
                message +=
                    " (\(String(cString: context)) that started at line \(mark.line + 1), column \(mark.column + 1))"
            }
            return ManifestError(
                location: location(line: Int(p.problem_mark.line), column: Int(p.problem_mark.column)), message: message
            )
        }
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + 1, column: column + 1)
    }

    /// Line and column (in characters) of a byte offset; the bytes before it decoded cleanly.
    private func locationOfByte(_ offset: Int) -> SourceLocation {
        var line = 1
        var column = 1
        for i in 0..<offset {
            let byte = input[i]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    private func hex(_ value: Int32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return digits.count < 2 ? "0" + digits : digits
    }
}
