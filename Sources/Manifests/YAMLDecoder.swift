import CYAML
import Resources

/// Decodes YAML streams into values straight from libyaml's event stream, in one pass.
public enum YAMLDecoder {
    /// Every non-empty document of the file, in order. Empty documents (nothing, only comments,
    /// or an explicit null) are skipped as kubectl skips them, but still counted in `index`.
    public static func decodeAll(
        _ bytes: UnsafeRawBufferPointer, file: String, limits: DecodeLimits = .default
    ) throws(ManifestError) -> [YAMLDocument] {
        guard bytes.count <= limits.maxFileBytes else {
            throw ManifestError(
                location: SourceLocation(file: file, line: 1, column: 1),
                message: "file is \(bytes.count) bytes, over the limit of \(limits.maxFileBytes) bytes")
        }
        guard bytes.count > 0 else { return [] }
        let input = bytes.assumingMemoryBound(to: UInt8.self)
        let parser = try LibYAMLParser(input: input, file: file)
        var decoder = EventDecoder(parser: parser, file: file, limits: limits)
        return try decoder.run()
    }

    public static func decodeAll(
        _ bytes: [UInt8], file: String, limits: DecodeLimits = .default
    ) throws(ManifestError) -> [YAMLDocument] {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(ManifestError) in try decodeAll(raw, file: file, limits: limits) }
        }
        return try result.get()
    }

    public static func decodeAll(
        _ text: String, file: String, limits: DecodeLimits = .default
    ) throws(ManifestError) -> [YAMLDocument] {
        try decodeAll(Array(text.utf8), file: file, limits: limits)
    }
}

/// The decoding state machine: a stack of open mappings and lists, filled as events arrive.
struct EventDecoder {
    struct Frame {
        var isMapping: Bool
        var fields = Fields()
        var items: [Value] = []
        /// The key whose value is being read; nil when the next node is a key.
        var pendingKey: String?
        var pendingIsMerge = false
        var keyLine: Int32 = 0
        var keyColumn: Int32 = 0
        /// Keys holding a value from a merge key, which a later explicit key may replace.
        var merged: Set<String>?
        var anchor: String?
        /// Nodes in this subtree, counting alias expansions, for the alias bound.
        var nodes = 1
        var markIndex: Int32
    }

    let parser: LibYAMLParser
    let file: String
    let limits: DecodeLimits
    var stack: [Frame] = []
    var marks: [NodeMark] = []
    var anchors: [String: (value: Value, nodes: Int)] = [:]
    var aliasNodes = 0
    var root: Value?
    var documents: [YAMLDocument] = []
    var documentIndex = 0

    init(parser: LibYAMLParser, file: String, limits: DecodeLimits) {
        self.parser = parser
        self.file = file
        self.limits = limits
    }

    mutating func run() throws(ManifestError) -> [YAMLDocument] {
        while true {
            let event = try parser.nextEvent()
            defer { parser.releaseEvent() }
            let line = Int32(truncatingIfNeeded: event.pointee.start_mark.line + 1)
            let column = Int32(truncatingIfNeeded: event.pointee.start_mark.column + 1)
            switch event.pointee.type {
            case YAML_SCALAR_EVENT:
                try scalar(event.pointee.data.scalar, line: line, column: column)
            case YAML_MAPPING_START_EVENT:
                try open(isMapping: true, anchor: event.pointee.data.mapping_start.anchor, line: line, column: column)
            case YAML_SEQUENCE_START_EVENT:
                try open(isMapping: false, anchor: event.pointee.data.sequence_start.anchor, line: line, column: column)
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                try close()
            case YAML_ALIAS_EVENT:
                try alias(String(cString: event.pointee.data.alias.anchor), line: line, column: column)
            case YAML_DOCUMENT_START_EVENT:
                anchors.removeAll()
                marks = []
                root = nil
            case YAML_DOCUMENT_END_EVENT:
                if let root, !root.isNull {
                    documents.append(YAMLDocument(value: root, index: documentIndex, file: file, marks: marks))
                }
                documentIndex += 1
            case YAML_STREAM_END_EVENT:
                return documents
            default:
                break
            }
        }
    }

    func error(_ message: String, line: Int32, column: Int32) -> ManifestError {
        ManifestError(location: SourceLocation(file: file, line: Int(line), column: Int(column)), message: message)
    }

    private var expectsKey: Bool {
        guard let top = stack.indices.last else { return false }
        return stack[top].isMapping && stack[top].pendingKey == nil
    }

    // MARK: - Events

    private mutating func scalar(_ s: yaml_event_t.__Unnamed_union_data.__Unnamed_struct_scalar, line: Int32, column: Int32)
        throws(ManifestError)
    {
        let bytes = UnsafeBufferPointer(start: s.value, count: s.length)
        let value: Value
        if let tagPointer = s.tag {
            let tag = String(cString: tagPointer)
            if expectsKey, tag == ScalarResolver.tagPrefix + "merge", bytes.elementsEqual("<<".utf8) {
                return beginMerge(line: line)
            }
            switch ScalarResolver.resolveTagged(bytes, tag: tag) {
            case .success(let v): value = v
            case .failure(let e):
                let text = String(decoding: bytes, as: UTF8.self)
                throw error("cannot decode !!\(e.found.rawValue) `\(text)` as a !!\(e.tag)", line: line, column: column)
            }
        } else if s.style == YAML_PLAIN_SCALAR_STYLE {
            if expectsKey, bytes.count == 2, bytes.elementsEqual("<<".utf8) { return beginMerge(line: line) }
            value = ScalarResolver.resolvePlain(bytes)?.0 ?? .string(String(decoding: bytes, as: UTF8.self))
        } else {
            value = .string(String(decoding: bytes, as: UTF8.self))
        }
        let anchor = s.anchor.map { String(cString: $0) }
        if expectsKey {
            try key(value, anchor: anchor, line: line, column: column)
        } else {
            let mark = recordMark(line: line, column: column)
            try complete(value, nodes: 1, anchor: anchor, mark: mark)
        }
    }

    private mutating func alias(_ name: String, line: Int32, column: Int32) throws(ManifestError) {
        guard let target = anchors[name] else {
            if stack.contains(where: { $0.anchor == name }) {
                throw error("alias *\(name) refers to a node that contains it", line: line, column: column)
            }
            throw error("unknown anchor '\(name)' referenced", line: line, column: column)
        }
        aliasNodes += target.nodes
        if aliasNodes > limits.maxAliasExpansion {
            throw error(
                "aliases expand to more than \(limits.maxAliasExpansion) nodes (at *\(name)); "
                    + "nested aliases like this are a \"billion laughs\" attack or a mistake",
                line: line, column: column)
        }
        if expectsKey {
            try key(target.value, anchor: nil, line: line, column: column)
        } else {
            let mark = recordMark(line: line, column: column)
            try complete(target.value, nodes: target.nodes, anchor: nil, mark: mark)
        }
    }

    private mutating func open(isMapping: Bool, anchor: UnsafeMutablePointer<yaml_char_t>?, line: Int32, column: Int32)
        throws(ManifestError)
    {
        if expectsKey {
            throw error("a mapping key must be a scalar, not a \(isMapping ? "mapping" : "list")", line: line, column: column)
        }
        guard stack.count < limits.maxDepth else {
            throw error("mappings and lists are nested deeper than \(limits.maxDepth) levels", line: line, column: column)
        }
        let mark = recordMark(line: line, column: column)
        stack.append(Frame(isMapping: isMapping, anchor: anchor.map { String(cString: $0) }, markIndex: mark))
    }

    private mutating func close() throws(ManifestError) {
        guard let frame = stack.popLast() else { return }
        let value: Value = frame.isMapping ? .object(frame.fields) : .array(frame.items)
        try complete(value, nodes: frame.nodes, anchor: frame.anchor, mark: frame.markIndex)
    }
}
