import Resources

/// The metadata fields the store owns, and how a write sets them. Pure functions of their inputs.
enum ServerFields {
    /// The key of a value about to be written, or why it cannot be stored.
    static func key(of value: Value) throws -> ObjectKey {
        guard case .object = value else {
            throw StoreError.invalidObject("expected a mapping, found a \(value.typeName)")
        }
        if let metadata = value["metadata"], metadata.objectValue == nil {
            throw StoreError.invalidObject("metadata must be a mapping, found a \(metadata.typeName)")
        }
        var missing: [String] = []
        for (path, label) in [(["apiVersion"], "apiVersion"), (["kind"], "kind"), (["metadata", "name"], "metadata.name")]
        where (value[path: path]?.stringValue ?? "").isEmpty {
            missing.append(label)
        }
        guard missing.isEmpty, let key = value.objectKey else {
            throw StoreError.invalidObject("missing \(missing.joined(separator: ", ")) (every object needs apiVersion, kind and metadata.name)")
        }
        return key
    }

    /// A new object: fresh uid and creation time, generation 1 when it has a spec.
    static func stampCreate(_ value: Value, uid: String, timestamp: String, revision: Int64) -> Value {
        var stamped = value
        stamped[path: ["metadata", "uid"]] = .string(uid)
        stamped[path: ["metadata", "creationTimestamp"]] = .string(timestamp)
        stamped[path: ["metadata", "resourceVersion"]] = .string(String(revision))
        stamped[path: ["metadata", "generation"]] = stamped["spec"] == nil ? nil : .int(1)
        return stamped
    }

    /// An update keeps identity and creation time; generation moves only when the spec changes.
    static func stampUpdate(_ value: Value, existing: Value, revision: Int64) -> Value {
        var stamped = value
        stamped[path: ["metadata", "uid"]] = existing[path: ["metadata", "uid"]]
        stamped[path: ["metadata", "creationTimestamp"]] = existing[path: ["metadata", "creationTimestamp"]]
        stamped[path: ["metadata", "resourceVersion"]] = .string(String(revision))
        stamped[path: ["metadata", "generation"]] = generation(new: value["spec"], existing: existing)
        return stamped
    }

    private static func generation(new spec: Value?, existing: Value) -> Value? {
        guard spec != nil else { return nil }
        let old = existing[path: ["metadata", "generation"]]?.intValue ?? 0
        return .int(spec == existing["spec"] && old > 0 ? old : old + 1)
    }

    /// The value with `metadata.resourceVersion` set to `revision`: a DELETED event's object, and
    /// what an unchanged object would look like if rewritten.
    static func withResourceVersion(_ value: Value, _ revision: Int64) -> Value {
        var stamped = value
        stamped[path: ["metadata", "resourceVersion"]] = .string(String(revision))
        return stamped
    }
}
