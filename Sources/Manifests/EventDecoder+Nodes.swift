import Resources

/// Placing finished nodes into their parents: keys, duplicate keys, merge keys and marks.
extension EventDecoder {
    /// Records where a value node starts, before its content arrives, so that the position is
    /// known for every node without a second pass.
    mutating func recordMark(line: Int32, column: Int32) -> Int32 {
        if stack.isEmpty {
            rootLine = line
            rootColumn = column
        }
        guard recordMarks else { return 0 }
        var mark = NodeMark(parent: -1, index: -1, line: line, column: column, keyLine: 0, key: "")
        if let top = stack.indices.last {
            mark.parent = stack[top].markIndex
            if stack[top].isMapping {
                mark.key = stack[top].pendingKey ?? ""
                mark.keyLine = stack[top].keyLine
            } else {
                mark.index = Int32(truncatingIfNeeded: stack[top].items.count)
            }
        }
        marks.append(mark)
        return Int32(truncatingIfNeeded: marks.count - 1)
    }

    mutating func key(_ value: Value, anchor: String?, line: Int32, column: Int32) throws(ManifestError) {
        guard let text = ScalarResolver.keyString(value) else {
            throw error(
                "a mapping key must be a string, number or boolean, not \(value.typeName)", line: line, column: column)
        }
        if let anchor { anchors[anchor] = (value, 1, 0) }
        let top = stack.count - 1
        stack[top].pendingKey = text
        stack[top].keyLine = line
        stack[top].keyColumn = column
    }

    mutating func beginMerge(line: Int32) {
        let top = stack.count - 1
        stack[top].pendingKey = "<<"
        stack[top].pendingIsMerge = true
        stack[top].keyLine = line
    }

    /// A node is finished: remember its anchor and hand it to the open parent (or make it the root).
    mutating func complete(_ value: Value, nodes: Int, height: Int, anchor: String?, line: Int32, column: Int32)
        throws(ManifestError)
    {
        if let anchor { anchors[anchor] = (value, nodes, height) }
        guard let top = stack.indices.last else {
            root = value
            return
        }
        stack[top].nodes += nodes
        stack[top].height = max(stack[top].height, height + 1)
        guard stack[top].isMapping else {
            stack[top].items.append(value)
            return
        }
        if stack[top].pendingIsMerge {
            try merge(value, into: top, line: line, column: column)
        } else if let key = stack[top].pendingKey {
            try insert(key, value, into: top)
        }
        stack[top].pendingKey = nil
        stack[top].pendingIsMerge = false
    }

    /// Kubernetes decodes strictly: a key written twice in one mapping is an error, not a silent
    /// overwrite. A key that replaces a merged-in value is fine.
    private mutating func insert(_ key: String, _ value: Value, into top: Int) throws(ManifestError) {
        if stack[top].fields.insertNew(key, value) { return }
        if stack[top].merged?.remove(key) != nil {
            stack[top].fields[key] = value
            return
        }
        guard recordMarks else {
            var retry = error("duplicate key", line: stack[top].keyLine, column: stack[top].keyColumn)
            retry.retryWithPositions = true
            throw retry
        }
        let parent = stack[top].markIndex
        let first = marks.first { $0.parent == parent && $0.index < 0 && $0.key == key }
        let firstLine = first?.keyLine ?? 0
        let secondLine = stack[top].keyLine
        throw error(
            "mapping key \"\(key)\" is defined twice, at lines \(firstLine) and \(secondLine)", line: secondLine,
            column: stack[top].keyColumn)
    }

    /// `<<: *base` or `<<: [*a, *b]`, as go-yaml v2 applies it: the merged fields are written
    /// where the merge key stands, so they replace keys written before it and are replaced by keys
    /// written after it; in a list, the earlier mapping wins.
    private mutating func merge(_ value: Value, into top: Int, line: Int32, column: Int32) throws(ManifestError) {
        var sources: [Fields] = []
        switch value {
        case .object(let fields): sources = [fields]
        case .array(let items):
            for item in items {
                guard case .object(let fields) = item else { throw mergeError(line: line, column: column) }
                sources.append(fields)
            }
        default: throw mergeError(line: line, column: column)
        }
        var merged = stack[top].merged ?? []
        var seen = Set<String>()
        for fields in sources {
            for (key, fieldValue) in fields where seen.insert(key).inserted {
                stack[top].fields[key] = fieldValue
                merged.insert(key)
            }
        }
        stack[top].merged = merged
    }

    private func mergeError(line: Int32, column: Int32) -> ManifestError {
        error("a merge key (<<) needs a mapping or a list of mappings as its value", line: line, column: column)
    }
}
