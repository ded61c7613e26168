/// The identity of an object as Kubernetes knows it: API group, kind, namespace and name.
/// The version in `apiVersion` is not part of it (`apps/v1` and `apps/v1beta2` name the same object).
public struct ObjectKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The API group: "" for the core group (`v1`), "apps" for `apps/v1`.
    public var group: String
    public var kind: String
    /// "" for cluster-scoped kinds such as Namespace and Node.
    public var namespace: String
    public var name: String

    public init(group: String, kind: String, namespace: String, name: String) {
        self.group = group
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// The group part of an apiVersion: "apps/v1" → "apps", "v1" → "".
    public static func group(ofAPIVersion apiVersion: String) -> String {
        guard let slash = apiVersion.lastIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    /// `Deployment shop/web`, `Namespace shop`, `Widget.example.com default/w`.
    public var description: String {
        let kindName = group.isEmpty || group == "apps" ? kind : "\(kind).\(group)"
        return namespace.isEmpty ? "\(kindName) \(name)" : "\(kindName) \(namespace)/\(name)"
    }

    /// Group, kind, namespace, name, each compared by UTF-8 bytes (the order of Unicode scalars,
    /// which is what String's `<` gives for the ASCII names Kubernetes allows, without its cost).
    public static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        if a.group != b.group { return a.group.utf8.lexicographicallyPrecedes(b.group.utf8) }
        if a.kind != b.kind { return a.kind.utf8.lexicographicallyPrecedes(b.kind.utf8) }
        if a.namespace != b.namespace { return a.namespace.utf8.lexicographicallyPrecedes(b.namespace.utf8) }
        return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
    }
}

extension Value {
    /// The object's `apiVersion`, `kind`, `metadata.namespace` and `metadata.name` as a key, when all
    /// the strings are present (namespace may be absent).
    public var objectKey: ObjectKey? {
        guard let apiVersion = self["apiVersion"]?.stringValue,
            let kind = self["kind"]?.stringValue,
            let name = self[path: ["metadata", "name"]]?.stringValue
        else { return nil }
        let namespace = self[path: ["metadata", "namespace"]]?.stringValue ?? ""
        return ObjectKey(
            group: ObjectKey.group(ofAPIVersion: apiVersion), kind: kind, namespace: namespace, name: name)
    }
}
