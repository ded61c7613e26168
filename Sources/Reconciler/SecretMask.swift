import Resources

/// Keeps Secret values out of every output: diffs, `get`, JSON. The store holds them; nothing prints them.
public enum SecretMask {
    static let valueFields = ["data", "stringData"]

    public static func isSecret(_ object: Value) -> Bool {
        object["kind"]?.stringValue == "Secret" && ObjectKey.group(ofAPIVersion: object["apiVersion"]?.stringValue ?? "") == ""
    }

    /// The object with every Secret value replaced by `***`; other kinds unchanged.
    public static func masked(_ object: Value) -> Value {
        guard isSecret(object) else { return object }
        var result = object
        for field in valueFields {
            guard let values = object[field]?.objectValue else { continue }
            result[field] = .object(Fields(values.map { ($0.key, Value.string("***")) }))
        }
        return result
    }

    /// Both versions masked for a diff: a value that changed reads `*** (before)` / `*** (after)`, one
    /// that did not reads `***` on both sides and so shows no difference.
    static func maskedPair(old: Value?, new: Value?) -> (Value?, Value?) {
        guard (old.map(isSecret) ?? false) || (new.map(isSecret) ?? false) else { return (old, new) }
        var maskedOld = old
        var maskedNew = new
        for field in valueFields {
            let o = old?[field]?.objectValue
            let n = new?[field]?.objectValue
            if let o {
                maskedOld?[field] = .object(Fields(o.map { k, v in (k, Value.string(n?[k] == v ? "***" : "*** (before)")) }))
            }
            if let n {
                maskedNew?[field] = .object(Fields(n.map { k, v in (k, Value.string(o?[k] == v ? "***" : "*** (after)")) }))
            }
        }
        return (maskedOld, maskedNew)
    }
}
