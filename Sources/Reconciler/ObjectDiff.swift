import Manifests
import Resources

/// The field-level difference between two versions of an object, shown as YAML with the changed
/// fields' parents as context, and keyed list items (containers by name, ports by port …) named by
/// their key rather than their position.
///
/// It keeps the two versions and renders the text only when asked, so a plan that is applied without
/// being shown never pays for it.
public struct ObjectDiff: Sendable {
    /// The version before, as shown (Secret values masked); nil for a create.
    public var old: Value?
    /// The version after, as shown; nil for a delete.
    public var new: Value?

    public init(old: Value?, new: Value?) {
        self.old = old
        self.new = new
    }

    /// The lines that take `old` to `new`, joined by newlines (none at the end): `  ` before an
    /// unchanged context line, `+ ` before an added one, `- ` before a removed one. `old` nil:
    /// everything is added; `new` nil: everything is removed.
    public var text: String {
        var out = DiffText()
        switch (old, new) {
        case (nil, nil): break
        case (nil, let new?): out.document(new, .added)
        case (let old?, nil): out.document(old, .removed)
        case (let old?, let new?):
            if let o = old.objectValue, let n = new.objectValue {
                Self.fields(old: o, new: n, indent: 0, into: &out)
            } else {
                Self.replaced(key: nil, old: old, new: new, indent: 0, into: &out)
            }
        }
        return out.text
    }

    private static func fields(old: Fields, new: Fields, indent: Int, into out: inout DiffText) {
        for (key, newValue) in new {
            if let oldValue = old[key] {
                value(key: key, old: oldValue, new: newValue, indent: indent, into: &out)
            } else {
                out.value(key: key, newValue, indent: indent, .added)
            }
        }
        for (key, oldValue) in old where !new.contains(key) {
            out.value(key: key, oldValue, indent: indent, .removed)
        }
    }

    private static func value(key: String, old: Value, new: Value, indent: Int, into out: inout DiffText) {
        if old == new { return }
        switch (old, new) {
        case (.object(let o), .object(let n)) where !o.isEmpty && !n.isEmpty:
            out.line(.context, indent: indent, DiffText.key(key) + ":")
            fields(old: o, new: n, indent: indent + 2, into: &out)
        case (.array(let o), .array(let n)):
            if let listKey = ListMergeKeys.key(forListField: key, items: n), ListMergeKeys.isUniqueKey(listKey, in: o),
                !o.isEmpty, !n.isEmpty
            {
                out.line(.context, indent: indent, DiffText.key(key) + ":")
                keyedList(old: o, new: n, listKey: listKey, indent: indent, into: &out)
            } else {
                replaced(key: key, old: old, new: new, indent: indent, into: &out)
            }
        default:
            replaced(key: key, old: old, new: new, indent: indent, into: &out)
        }
    }

    /// Keyed list items sit at the list's own indentation, as kubectl prints them.
    private static func keyedList(old: [Value], new: [Value], listKey: String, indent: Int, into out: inout DiffText) {
        var oldByKey: [Value: Fields] = [:]
        for item in old { oldByKey[item[listKey]!] = item.objectValue }
        let newKeys = Set(new.map { $0[listKey]! })
        for item in new {
            let k = item[listKey]!
            guard let oldItem = oldByKey[k] else {
                out.value(key: nil, item, indent: indent, .added)
                continue
            }
            guard var newFields = item.objectValue, Value.object(oldItem) != item else { continue }
            var oldFields = oldItem
            newFields[listKey] = nil
            oldFields[listKey] = nil
            out.line(.context, indent: indent, "- " + DiffText.key(listKey) + ": " + YAMLEmitter.scalar(k))
            fields(old: oldFields, new: newFields, indent: indent + 2, into: &out)
        }
        for item in old where !newKeys.contains(item[listKey]!) {
            out.value(key: nil, item, indent: indent, .removed)
        }
    }

    private static func replaced(key: String?, old: Value, new: Value, indent: Int, into out: inout DiffText) {
        out.value(key: key, old, indent: indent, .removed)
        out.value(key: key, new, indent: indent, .added)
    }
}
