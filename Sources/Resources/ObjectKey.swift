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
        var order = compareBytes(a.group, b.group)
        if order == 0 { order = compareBytes(a.kind, b.kind) }
        if order == 0 { order = compareBytes(a.namespace, b.namespace) }
        if order == 0 { order = compareBytes(a.name, b.name) }
        return order < 0
    }

    /// -1, 0 or 1 as `a` sorts before, with or after `b` by UTF-8 bytes.
    private static func compareBytes(_ a: String, _ b: String) -> Int {
        var (a, b) = (a, b)
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for i in 0..<min(x.count, y.count) where x[i] != y[i] { return x[i] < y[i] ? -1 : 1 }
                return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
            }
        }
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
