import Resources

/// Fields the store and the controllers own. They never make a diff between git and the store.
enum ServerFields {
    static let metadata = ["uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink"]

    /// The object without `status` and the server-owned metadata, as compared against git. An object
    /// that has none of them (as read from git) comes back as it is, not copied.
    static func stripped(_ object: Value) -> Value {
        let meta = object["metadata"]?.objectValue
        guard object["status"] != nil || metadata.contains(where: { meta?.contains($0) == true }) else { return object }
        var result = object
        result["status"] = nil
        if var meta {
            for field in metadata { meta[field] = nil }
            result["metadata"] = .object(meta)
        }
        return result
    }
}
