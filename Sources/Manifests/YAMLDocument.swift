import Resources

/// One non-empty document of a YAML stream: its value and where each of its nodes was written.
public struct YAMLDocument: Sendable {
    /// The root value (never null: empty documents are skipped).
    public var value: Value
    /// The 0-based position of the document in its file, counting skipped empty documents, so
    /// that "document 3" means the same thing to the user and to the tool.
    public var index: Int
    /// Where the root node starts.
    public var location: SourceLocation

    /// The file the document came from, parsed again when a position inside it is asked for.
    let source: SourceText

    init(value: Value, index: Int, location: SourceLocation, source: SourceText) {
        self.value = value
        self.index = index
        self.location = location
        self.source = source
    }

    /// The location of the node at `path`, or of its nearest ancestor that was written in the file
    /// (a field added by defaulting, or reached through an alias, points at its parent).
    ///
    /// Each call parses the file again up to this document; use `locations(of:)` for several paths.
    public func location(of path: FieldPath) -> SourceLocation {
        locations(of: [path])[0]
    }

    /// The locations of several paths with one parse.
    public func locations(of paths: [FieldPath]) -> [SourceLocation] {
        // The file decoded before, so decoding it again succeeds; the fallback is for safety only.
        let marks = (try? EventDecoder.decode(source, recordMarks: true, targetDocument: index).marks) ?? []
        return paths.map { path in
            guard let (line, column) = Self.lookup(path, in: marks) else { return location }
            return SourceLocation(file: location.file, line: Int(line), column: Int(column))
        }
    }

    private static func lookup(_ path: FieldPath, in marks: [NodeMark]) -> (Int32, Int32)? {
        guard !marks.isEmpty else { return nil }
        var current = 0
        for component in path.components {
            guard let child = child(of: current, at: component, in: marks) else { break }
            current = child
        }
        return (marks[current].line, marks[current].column)
    }

    /// Children follow their parent in event order, so the scan starts just after it. This is
    /// linear, which is fine: locations are looked up for errors, not on the decoding path.
    private static func child(of parent: Int, at component: FieldPath.Component, in marks: [NodeMark]) -> Int? {
        let parent32 = Int32(parent)
        var index = parent + 1
        while index < marks.count {
            let mark = marks[index]
            if mark.parent == parent32 {
                switch component {
                case .key(let key): if mark.index < 0 && mark.key == key { return index }
                case .index(let i): if mark.index == Int32(clamping: i) { return index }
                }
            } else if mark.parent < parent32 {
                return nil  // left the parent's subtree
            }
            index += 1
        }
        return nil
    }
}

/// Where one node starts. Recorded for every node on the decoding path, so it is kept small:
/// a parent index instead of a path, and the key only for mapping values.
struct NodeMark: Sendable {
    var parent: Int32
    /// The position in the parent list, or -1 for a mapping value.
    var index: Int32
    var line: Int32
    var column: Int32
    /// Where the key of a mapping value was written (for duplicate-key errors).
    var keyLine: Int32
    var key: String
}
