import Resources

/// A namespaced object needs its Namespace: stored and staying, or in the same commit.
enum NamespaceCheck {
    static func verify(_ objects: [DesiredObject], plan: Plan, storedNamespaces: Set<String>) throws {
        let removed = Set(plan.changes.filter { $0.action == .delete && $0.key.kind == "Namespace" && $0.key.group == "" }.map(\.key.name))
        let committed = Set(objects.filter { $0.key.kind == "Namespace" && $0.key.group == "" }.map(\.key.name))
        let available = committed.union(storedNamespaces.subtracting(removed))
        var issues: [SourceIssue] = []
        for object in objects where !object.key.namespace.isEmpty && !available.contains(object.key.namespace) {
            let why = removed.contains(object.key.namespace) ? "is removed by this commit" : "is neither stored nor in this commit"
            issues.append(
                SourceIssue(
                    location: object.document.location(of: FieldPath(keys: "metadata", "namespace")),
                    field: FieldPath(keys: "metadata", "namespace"),
                    message: "namespace \"\(object.key.namespace)\" \(why); add a Namespace manifest for it"))
        }
        if !issues.isEmpty { throw ReconcileError(issues, hint: "nothing was applied") }
    }
}
