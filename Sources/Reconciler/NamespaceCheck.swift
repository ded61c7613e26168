import Resources

/// A namespaced object needs its Namespace: stored and staying, or in the same commit.
enum NamespaceCheck {
    /// The Namespaces among these keys.
    static func namespaces(in keys: [ObjectKey]) -> Set<String> {
        Set(keys.lazy.filter { $0.kind == "Namespace" && $0.group == "" }.map(\.name))
    }

    /// The objects among `keys` whose namespace would not exist after the plan, with why. The
    /// stored namespaces are read only when some namespace is not in the commit.
    static func homeless(
        _ keys: [ObjectKey], committed: Set<String>, plan: Plan, storedNamespaces: () throws -> Set<String>
    ) rethrows -> [(key: ObjectKey, why: String)] {
        let elsewhere = keys.filter { !$0.namespace.isEmpty && !committed.contains($0.namespace) }
        guard !elsewhere.isEmpty else { return [] }
        let removed = Set(Planner.deletedNamespaces(plan))
        let available = try storedNamespaces().subtracting(removed)
        return elsewhere.filter { !available.contains($0.namespace) }.map { key in
            (key, removed.contains(key.namespace) ? "is removed by this commit" : "is neither stored nor in this commit")
        }
    }

    /// Refuses the commit, pointing at each such object's `metadata.namespace`.
    static func verify(_ objects: [DesiredObject], plan: Plan, storedNamespaces: () throws -> Set<String>) throws {
        let field = FieldPath(keys: "metadata", "namespace")
        let documents = Dictionary(objects.map { ($0.key, $0.document) }, uniquingKeysWith: { a, _ in a })
        let keys = objects.map(\.key)
        let issues = try homeless(keys, committed: namespaces(in: keys), plan: plan, storedNamespaces: storedNamespaces).map { key, why in
            SourceIssue(
                location: documents[key]??.location(of: field), field: field,
                message: "namespace \"\(key.namespace)\" \(why); add a Namespace manifest for it")
        }
        if !issues.isEmpty { throw ReconcileError(issues, hint: "nothing was applied") }
    }
}
