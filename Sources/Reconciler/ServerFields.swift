import Resources

/// Fields the store and the controllers own. They never make a diff between git and the store.
enum ServerFields {
    static let metadata = ["uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink"]

    /// The object without `status` and the server-owned metadata, as compared against git.
    static func stripped(_ object: Value) -> Value {
        var result = object
        result["status"] = nil
        if var meta = result["metadata"]?.objectValue {
            for field in metadata { meta[field] = nil }
            result["metadata"] = .object(meta)
        }
        return result
    }
}
