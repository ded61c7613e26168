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

    /// Every node written in the document, in the order the parser met it. Nodes produced by an
    /// alias or a merge key have no entry of their own; a lookup stops at the alias.
    let marks: [NodeMark]

    init(value: Value, index: Int, file: String, marks: [NodeMark]) {
        self.value = value
        self.index = index
        self.marks = marks
        let root = marks.first
        self.location = SourceLocation(file: file, line: Int(root?.line ?? 1), column: Int(root?.column ?? 1))
    }

    /// The location of the node at `path`, or of its nearest ancestor that was written in the file
    /// (a field added by defaulting, or reached through an alias, points at its parent).
    public func location(of path: FieldPath) -> SourceLocation {
        guard !marks.isEmpty else { return location }
        var current = 0
        for component in path.components {
            guard let child = child(of: current, at: component) else { break }
            current = child
        }
        return SourceLocation(file: location.file, line: Int(marks[current].line), column: Int(marks[current].column))
    }

    /// Children follow their parent in event order, so the scan starts just after it. This is
    /// linear, which is fine: locations are looked up for errors, not on the decoding path.
    private func child(of parent: Int, at component: FieldPath.Component) -> Int? {
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
