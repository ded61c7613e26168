import Resources

/// One object a source applied, with the desired state it last applied (for three-way diffs).
///
/// `lastApplied` may hold Secret data: `description` and the reflection mirror leave it out, so
/// printing or dumping an entry never shows it.
public struct InventoryEntry: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    public var key: ObjectKey
    public var apiVersion: String
    public var lastApplied: Value

    public init(key: ObjectKey, apiVersion: String, lastApplied: Value) {
        self.key = key
        self.apiVersion = apiVersion
        self.lastApplied = lastApplied
    }

    public var description: String { "\(key) (\(apiVersion))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["key": key, "apiVersion": apiVersion], displayStyle: .struct)
    }
}
