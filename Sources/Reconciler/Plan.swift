import Manifests
import Resources
import Store

/// An object read from git: decoded, validated and defaulted, with the place it was written.
public struct DesiredObject: Sendable {
    public var key: ObjectKey
    public var apiVersion: String
    /// The defaulted object, as it would be stored.
    public var value: Value
    /// The document it was read from, to point errors at the field they are about; nil for an
    /// object of an unchanged file, taken from what the last apply recorded.
    public var document: YAMLDocument?
    /// Where the object's document starts.
    public var location: SourceLocation? { document?.location }
    /// False for kinds berth stores and diffs but no controller acts on.
    public var isBuiltIn: Bool
}

/// What applying the commit does to one object.
public enum ChangeAction: String, Sendable, Codable {
    case create, update, delete
}

/// One step of a plan, with the field diff a reviewer reads.
public struct PlannedChange: Sendable {
    public var action: ChangeAction
    public var key: ObjectKey
    public var apiVersion: String
    /// What is written for a create or an update.
    public var object: Value?
    /// The live revision the step was planned against: a write that finds another fails as a conflict.
    public var expectedResourceVersion: Int64?
    /// The difference, Secret values masked.
    public var diff: ObjectDiff
    /// Something the reader should know: "no controller acts on this kind", "adopted" …
    public var notes: [String]
}

/// Everything `berth reconcile` would do for one commit, in apply order.
public struct Plan: Sendable {
    public var changes: [PlannedChange]
    /// Objects already as git wants them, in the order they were planned.
    public var unchanged: [ObjectKey]
    /// Objects gone from git but kept because pruning is off.
    public var keptByNoPrune: [ObjectKey]
    /// The inventory entries of the planned objects after the apply.
    public var inventory: [InventoryEntry]
    /// Inventory entries new or different after the apply.
    public var inventoryWrites: [InventoryEntry]
    /// Inventory entries the apply removes (objects pruned, or gone already).
    public var inventoryRemovals: [ObjectKey]
    /// True when the inventory must be written even if no object changes.
    public var inventoryChanged: Bool { !inventoryWrites.isEmpty || !inventoryRemovals.isEmpty }

    public func count(_ action: ChangeAction) -> Int { changes.lazy.filter { $0.action == action }.count }
}

/// Computes plans. Pure: the live objects and the inventory come in as values.
public enum Planner {
    /// The rank that orders applies (Namespaces first, then configuration, Services, workloads, the
    /// rest); deletes run in the reverse order.
    static func applyRank(_ key: ObjectKey) -> Int {
        switch (key.group, key.kind) {
        case ("", "Namespace"): return 0
        case ("", "ConfigMap"), ("", "Secret"), ("", "ServiceAccount"): return 1
        case ("", "Service"): return 2
        case ("apps", "Deployment"), ("apps", "ReplicaSet"), ("", "Pod"), ("apps", "StatefulSet"),
            ("apps", "DaemonSet"), ("batch", "Job"), ("batch", "CronJob"):
            return 3
        default: return 4
        }
    }

    /// The changes by rank, then by key (`descending` for deletes). Each rank is worked out once, not
    /// in every comparison.
    static func applyOrdered(_ changes: [PlannedChange], descending: Bool) -> [PlannedChange] {
        let order = changes.map(\.key).sortedIndices(rank: applyRank)
        return (descending ? order.reversed() : order).map { changes[$0] }
    }

    public static func plan(
        desired: [DesiredObject],
        live: [ObjectKey: StoredObject],
        inventory: [InventoryEntry],
        prune: Bool
    ) -> Plan {
        let lastApplied = Dictionary(inventory.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        // Each object plans on its own: on all cores.
        let planned = desired.concurrentMap { object -> PlannedChange? in
            var notes: [String] = object.isBuiltIn ? [] : ["no controller acts on this kind"]
            guard let current = live[object.key] else {
                let (_, shown) = SecretMask.maskedPair(old: nil, new: ServerFields.stripped(object.value))
                return PlannedChange(
                    action: .create, key: object.key, apiVersion: object.apiVersion, object: object.value,
                    expectedResourceVersion: nil, diff: ObjectDiff(old: nil, new: shown), notes: notes)
            }
            let previous = lastApplied[object.key]?.lastApplied
            if previous == nil { notes.append("adopted: it was in the store but not applied by this source") }
            let merged = ApplyMerge.merge(live: current.value, lastApplied: previous, desired: object.value)
            let before = ServerFields.stripped(current.value)
            let after = ServerFields.stripped(merged)
            if before == after { return nil }  // unchanged
            let (shownBefore, shownAfter) = SecretMask.maskedPair(old: before, new: after)
            return PlannedChange(
                action: .update, key: object.key, apiVersion: object.apiVersion, object: merged,
                expectedResourceVersion: current.resourceVersion,
                diff: ObjectDiff(old: shownBefore, new: shownAfter), notes: notes)
        }
        var applies = planned.compactMap { $0 }
        let unchanged = zip(desired, planned).compactMap { object, change in change == nil ? object.key : nil }
        var newInventory = desired.map { InventoryEntry(key: $0.key, apiVersion: $0.apiVersion, lastApplied: $0.value) }

        let desiredKeys = Set(desired.map(\.key))
        var deletes: [PlannedChange] = []
        var kept: [ObjectKey] = []
        for entry in inventory where !desiredKeys.contains(entry.key) {
            guard let current = live[entry.key] else { continue }  // already gone: drop it from the inventory
            if entry.key == ObjectKey(group: "", kind: "Namespace", namespace: "", name: "default") {
                continue  // it always exists, as in Kubernetes: git stops owning it but it stays
            }
            guard prune else {
                kept.append(entry.key)
                newInventory.append(entry)
                continue
            }
            let (shown, _) = SecretMask.maskedPair(old: ServerFields.stripped(current.value), new: nil)
            deletes.append(
                PlannedChange(
                    action: .delete, key: entry.key, apiVersion: entry.apiVersion, object: nil,
                    expectedResourceVersion: current.resourceVersion, diff: ObjectDiff(old: shown, new: nil),
                    notes: []))
        }

        applies = applyOrdered(applies, descending: false)
        deletes = applyOrdered(deletes, descending: true)
        newInventory = newInventory.map(\.key).sortedIndices().map { newInventory[$0] }
        let newKeys = Set(newInventory.map(\.key))
        return Plan(
            changes: applies + deletes, unchanged: unchanged, keptByNoPrune: kept.sorted(),
            inventory: newInventory, inventoryWrites: newInventory.filter { lastApplied[$0.key] != $0 },
            inventoryRemovals: inventory.map(\.key).filter { !newKeys.contains($0) }.sorted())
    }

    /// The namespaces a plan deletes.
    static func deletedNamespaces(_ plan: Plan) -> [String] {
        plan.changes.filter { $0.action == .delete && $0.key.group == "" && $0.key.kind == "Namespace" }.map(\.key.name)
    }

    /// Deleting a Namespace deletes everything in it, as Kubernetes' namespace controller does: the
    /// objects the plan does not already delete are added (before the Namespace itself), so the
    /// preview shows all of it and nothing is left behind in a namespace that no longer exists.
    public static func cascadeNamespaceDeletes(_ plan: Plan, contents: [StoredObject]) -> Plan {
        guard !contents.isEmpty else { return plan }
        var plan = plan
        let already = Set(plan.changes.map(\.key))
        let cascaded = contents.filter { !already.contains($0.key) }.sorted { $0.key < $1.key }.map { object in
            let (shown, _) = SecretMask.maskedPair(old: ServerFields.stripped(object.value), new: nil)
            return PlannedChange(
                action: .delete, key: object.key, apiVersion: object.value["apiVersion"]?.stringValue ?? "",
                object: nil, expectedResourceVersion: object.resourceVersion, diff: ObjectDiff(old: shown, new: nil),
                notes: ["its namespace is deleted"])
        }
        let firstNamespace = plan.changes.firstIndex { $0.action == .delete && $0.key.kind == "Namespace" && $0.key.group == "" }
        plan.changes.insert(contentsOf: cascaded, at: firstNamespace ?? plan.changes.endIndex)
        return plan
    }
}
