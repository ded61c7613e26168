import Glibc

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

    /// -1, 0 or 1 as `a` sorts before, with or after `b` by UTF-8 bytes. Reads the strings' bytes in
    /// place (sorting 10,000 keys makes this hot: no copy, no reference counting).
    static func compareBytes(_ a: String, _ b: String) -> Int {
        let inPlace = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in compare(x, y) }
        }
        if let inPlace, let order = inPlace { return order }
        var (a, b) = (a, b)  // bridged or foreign strings: made native
        return a.withUTF8 { x in b.withUTF8 { y in compare(x, y) } }
    }

    private static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(x.count, y.count)
        if common > 0, let p = x.baseAddress, let q = y.baseAddress {
            let order = memcmp(p, q, common)
            if order != 0 { return order < 0 ? -1 : 1 }
        }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
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

extension Array where Element == ObjectKey {
    /// The indices of these keys in the order `<` gives (a stable sort), first by `rank` when one
    /// is given (lower first). Sorting many keys with `<` compares four strings at each step; here
    /// the few distinct (group, kind, namespace) are ordered once and each step compares a number
    /// and, within one namespace of one kind, the names' bytes.
    public func sortedIndices(rank: ((ObjectKey) -> Int)? = nil) -> [Int] {
        if count <= 16 {  // too few to be worth the table
            let ranks = rank.map { rank in map(rank) }
            return indices.sorted { i, j in
                if let ranks, ranks[i] != ranks[j] { return ranks[i] < ranks[j] }
                return self[i] < self[j]
            }
        }
        var scopeIDs: [KeyScope: Int] = [:]
        var scopes: [KeyScope] = []
        let scopeOfKey = map { key in
            let scope = KeyScope(group: key.group, kind: key.kind, namespace: key.namespace)
            if let id = scopeIDs[scope] { return id }
            scopeIDs[scope] = scopes.count
            scopes.append(scope)
            return scopes.count - 1
        }
        var scopeOrder = [Int](repeating: 0, count: scopes.count)
        let sortedScopes = scopes.indices.sorted { a, b in
            ObjectKey(group: scopes[a].group, kind: scopes[a].kind, namespace: scopes[a].namespace, name: "")
                < ObjectKey(group: scopes[b].group, kind: scopes[b].kind, namespace: scopes[b].namespace, name: "")
        }
        for (position, scope) in sortedScopes.enumerated() { scopeOrder[scope] = position }
        let ranks = rank.map { rank in map(rank) }
        return withUnsafeBufferPointer { keys in
            indices.sorted { i, j in
                if let ranks, ranks[i] != ranks[j] { return ranks[i] < ranks[j] }
                let (a, b) = (scopeOrder[scopeOfKey[i]], scopeOrder[scopeOfKey[j]])
                if a != b { return a < b }
                return ObjectKey.compareBytes(keys[i].name, keys[j].name) < 0
            }
        }
    }
}

/// A key without its name: what many keys share.
private struct KeyScope: Hashable {
    var group: String
    var kind: String
    var namespace: String
}
