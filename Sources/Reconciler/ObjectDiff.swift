import Manifests
import Resources

/// One line of a field diff: unchanged context, or a line added or removed, already in YAML form.
public struct DiffLine: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case context, added, removed }
    public var kind: Kind
    public var text: String

    /// `  text`, `+ text` or `- text`.
    public var rendered: String {
        switch kind {
        case .context: return "  " + text
        case .added: return "+ " + text
        case .removed: return "- " + text
        }
    }
}

/// The field-level difference between two versions of an object, shown as YAML with the changed
/// fields' parents as context, and keyed list items (containers by name, ports by port …) named by
/// their key rather than their position.
public enum ObjectDiff {
    /// Lines that take `old` to `new`. `old` nil: everything is added; `new` nil: everything removed.
    public static func lines(old: Value?, new: Value?) -> [DiffLine] {
        switch (old, new) {
        case (nil, nil): return []
        case (nil, let new?): return YAMLLines.document(new).map { DiffLine(kind: .added, text: $0) }
        case (let old?, nil): return YAMLLines.document(old).map { DiffLine(kind: .removed, text: $0) }
        case (let old?, let new?):
            if let o = old.objectValue, let n = new.objectValue { return fields(old: o, new: n, indent: 0) }
            return replaced(key: nil, old: old, new: new, indent: 0)
        }
    }

    private static func fields(old: Fields, new: Fields, indent: Int) -> [DiffLine] {
        var out: [DiffLine] = []
        for (key, newValue) in new {
            if let oldValue = old[key] {
                out += value(key: key, old: oldValue, new: newValue, indent: indent)
            } else {
                out += YAMLLines.lines(key: key, value: newValue, indent: indent).map { DiffLine(kind: .added, text: $0) }
            }
        }
        for (key, oldValue) in old where !new.contains(key) {
            out += YAMLLines.lines(key: key, value: oldValue, indent: indent).map { DiffLine(kind: .removed, text: $0) }
        }
        return out
    }

    private static func value(key: String, old: Value, new: Value, indent: Int) -> [DiffLine] {
        if old == new { return [] }
        let header = DiffLine(kind: .context, text: YAMLLines.pad(indent) + YAMLLines.key(key) + ":")
        switch (old, new) {
        case (.object(let o), .object(let n)) where !o.isEmpty && !n.isEmpty:
            return [header] + fields(old: o, new: n, indent: indent + 2)
        case (.array(let o), .array(let n)):
            if let listKey = ListMergeKeys.key(forListField: key, items: n), ListMergeKeys.isUniqueKey(listKey, in: o),
                !o.isEmpty, !n.isEmpty
            {
                return [header] + keyedList(old: o, new: n, listKey: listKey, indent: indent)
            }
            return replaced(key: key, old: old, new: new, indent: indent)
        default:
            return replaced(key: key, old: old, new: new, indent: indent)
        }
    }

    /// Keyed list items sit at the list's own indentation, as kubectl prints them.
    private static func keyedList(old: [Value], new: [Value], listKey: String, indent: Int) -> [DiffLine] {
        var oldByKey: [Value: Fields] = [:]
        for item in old { oldByKey[item[listKey]!] = item.objectValue }
        let newKeys = Set(new.map { $0[listKey]! })
        var out: [DiffLine] = []
        for item in new {
            let k = item[listKey]!
            guard let oldItem = oldByKey[k] else {
                out += YAMLLines.lines(key: nil, value: item, indent: indent).map { DiffLine(kind: .added, text: $0) }
                continue
            }
            guard var newFields = item.objectValue, Value.object(oldItem) != item else { continue }
            var oldFields = oldItem
            newFields[listKey] = nil
            oldFields[listKey] = nil
            let header = YAMLLines.pad(indent) + "- " + YAMLLines.key(listKey) + ": " + YAMLEmitter.scalar(k)
            out.append(DiffLine(kind: .context, text: header))
            out += fields(old: oldFields, new: newFields, indent: indent + 2)
        }
        for item in old where !newKeys.contains(item[listKey]!) {
            out += YAMLLines.lines(key: nil, value: item, indent: indent).map { DiffLine(kind: .removed, text: $0) }
        }
        return out
    }

    private static func replaced(key: String?, old: Value, new: Value, indent: Int) -> [DiffLine] {
        YAMLLines.lines(key: key, value: old, indent: indent).map { DiffLine(kind: .removed, text: $0) }
            + YAMLLines.lines(key: key, value: new, indent: indent).map { DiffLine(kind: .added, text: $0) }
    }
}

/// A value as the YAML lines it takes under a key (or as a list item) at an indentation.
enum YAMLLines {
    static func pad(_ indent: Int) -> String { String(repeating: " ", count: indent) }

    static func key(_ key: String) -> String { YAMLEmitter.scalar(.string(key)) }

    /// A whole value as a YAML document's lines.
    static func document(_ value: Value) -> [String] {
        var lines = YAMLEmitter.emit(value).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func lines(key: String?, value: Value, indent: Int) -> [String] {
        let pad = pad(indent)
        let isBlock: Bool
        switch value {
        case .object(let f): isBlock = !f.isEmpty
        case .array(let a): isBlock = !a.isEmpty
        default: isBlock = false
        }
        guard isBlock else {
            let scalar = YAMLEmitter.scalar(value)
            return [pad + (key.map { self.key($0) + ": " } ?? "- ") + scalar]
        }
        let body = document(value)
        guard let key else {
            // A list item: "- " before the first line, two spaces before the rest.
            return body.enumerated().map { i, line in pad + (i == 0 ? "- " : "  ") + line }
        }
        let childPad = value.arrayValue != nil ? pad : pad + "  "
        return [pad + self.key(key) + ":"] + body.map { childPad + $0 }
    }
}
