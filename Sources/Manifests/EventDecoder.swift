import CYAML
import Resources

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
        /// Levels of nesting in this subtree (1 for a container of scalars), for the depth bound
        /// on values that aliases copy in.
        var height = 1
        var markIndex: Int32
        var line: Int32
        var column: Int32
    }

    let parser: LibYAMLParser
    let source: SourceText
    let recordMarks: Bool
    /// With marks on: stop after this document and keep its marks.
    let targetDocument: Int?
    var stack: [Frame] = []
    var marks: [NodeMark] = []
    var anchors: [String: (value: Value, nodes: Int, height: Int)] = [:]
    var aliasNodes = 0
    var root: Value?
    var rootLine: Int32 = 1
    var rootColumn: Int32 = 1
    var documents: [YAMLDocument] = []
    var documentIndex = 0
    var file: String { source.file }
    var limits: DecodeLimits { source.limits }

    /// What one pass yields: the documents, and the marks of the target document (when asked).
    struct Pass {
        var documents: [YAMLDocument]
        var marks: [NodeMark]
    }

    /// Runs a whole pass over the source. The parser is created and released while the bytes are
    /// pinned, since libyaml reads them through a raw pointer.
    static func decode(_ source: SourceText, recordMarks: Bool, targetDocument: Int? = nil) throws(ManifestError)
        -> Pass
    {
        let result = source.bytes.withUnsafeBufferPointer { input in
            Result { () throws(ManifestError) -> Pass in
                let parser = try LibYAMLParser(input: input, file: source.file)
                var decoder = EventDecoder(
                    parser: parser, source: source, recordMarks: recordMarks, targetDocument: targetDocument)
                try decoder.run()
                return Pass(documents: decoder.documents, marks: decoder.marks)
            }
        }
        return try result.get()
    }

    init(parser: LibYAMLParser, source: SourceText, recordMarks: Bool, targetDocument: Int?) {
        self.parser = parser
        self.source = source
        self.recordMarks = recordMarks
        self.targetDocument = targetDocument
    }

    mutating func run() throws(ManifestError) {
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
                if documentIndex == targetDocument { return }
                if let root, !root.isNull {
                    let location = SourceLocation(file: file, line: Int(rootLine), column: Int(rootColumn))
                    documents.append(
                        YAMLDocument(value: root, index: documentIndex, location: location, source: source))
                }
                documentIndex += 1
            case YAML_STREAM_END_EVENT:
                return
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

    private mutating func scalar(
        _ s: yaml_event_t.__Unnamed_union_data.__Unnamed_struct_scalar, line: Int32, column: Int32
    )
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
            _ = recordMark(line: line, column: column)
            try complete(value, nodes: 1, height: 0, anchor: anchor, line: line, column: column)
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
        if stack.count + target.height > limits.maxDepth {
            throw error(
                "through alias *\(name), mappings and lists are nested deeper than \(limits.maxDepth) levels",
                line: line, column: column)
        }
        if expectsKey {
            try key(target.value, anchor: nil, line: line, column: column)
        } else {
            _ = recordMark(line: line, column: column)
            try complete(
                target.value, nodes: target.nodes, height: target.height, anchor: nil, line: line, column: column)
        }
    }

    private mutating func open(isMapping: Bool, anchor: UnsafeMutablePointer<yaml_char_t>?, line: Int32, column: Int32)
        throws(ManifestError)
    {
        if expectsKey {
            throw error(
                "a mapping key must be a scalar, not a \(isMapping ? "mapping" : "list")", line: line, column: column)
        }
        guard stack.count < limits.maxDepth else {
            throw error(
                "mappings and lists are nested deeper than \(limits.maxDepth) levels", line: line, column: column)
        }
        let mark = recordMark(line: line, column: column)
        stack.append(
            Frame(
                isMapping: isMapping, anchor: anchor.map { String(cString: $0) }, markIndex: mark, line: line,
                column: column))
    }

    private mutating func close() throws(ManifestError) {
        guard let frame = stack.popLast() else { return }
        let value: Value = frame.isMapping ? .object(frame.fields) : .array(frame.items)
        try complete(
            value, nodes: frame.nodes, height: frame.height, anchor: frame.anchor, line: frame.line,
            column: frame.column)
    }
}
