import Resources

/// Controller references (the `ownerReferences` entry with `controller: true`) and the claim rules of
/// Kubernetes' `ControllerRefManager`: a controller keeps what it owns and still selects, releases
/// what it owns but no longer selects, and adopts orphans it selects, never what another controls.
enum ControllerRef {
    /// What one claim decided: the objects the controller now owns (adopted ones with their new
    /// reference), and the adopted and released objects that must be written back.
    struct Claim {
        var owned: [Value] = []
        var adopted: [Value] = []
        var released: [Value] = []
    }

    /// The object's controller reference, if any.
    static func of(_ object: Value) -> Value? {
        object[path: ["metadata", "ownerReferences"]]?.arrayValue?.first { $0["controller"] == true }
    }

    /// Whether `ref` points at `owner`: by uid when both carry one (a recreated owner of the same name
    /// is another owner), else by kind and name.
    static func refers(_ ref: Value, to owner: Value) -> Bool {
        if let refUID = ref["uid"]?.stringValue, let ownerUID = WorkloadFields.uid(owner) { return refUID == ownerUID }
        return ref["kind"]?.stringValue == owner["kind"]?.stringValue
            && ref["name"]?.stringValue == WorkloadFields.name(owner)
    }

    /// `metav1.NewControllerRef`: blockOwnerDeletion so foreground deletion waits for the dependant.
    static func make(for owner: Value) -> Value {
        var ref: Fields = [
            "apiVersion": owner["apiVersion"] ?? "apps/v1",
            "kind": owner["kind"] ?? .null,
            "name": .string(WorkloadFields.name(owner)),
        ]
        if let uid = WorkloadFields.uid(owner) { ref["uid"] = .string(uid) }
        ref["controller"] = true
        ref["blockOwnerDeletion"] = true
        return .object(ref)
    }

    static func claim(_ objects: [Value], owner: Value, selects: (Value) -> Bool) -> Claim {
        var claim = Claim()
        let ownerDeleting = WorkloadFields.isDeleting(owner)
        for object in objects {
            if let ref = of(object) {
                guard refers(ref, to: owner) else { continue }  // another controller's
                if selects(object) {
                    claim.owned.append(object)
                } else if !ownerDeleting {
                    claim.released.append(releasing(object, from: owner))
                }
                continue
            }
            // An orphan: adopt it if we select it, are not being deleted, it is not being deleted,
            // and it lives in our namespace.
            guard !ownerDeleting, selects(object), !WorkloadFields.isDeleting(object),
                WorkloadFields.namespace(object) == WorkloadFields.namespace(owner)
            else { continue }
            let adopted = adopting(object, by: owner)
            claim.owned.append(adopted)
            claim.adopted.append(adopted)
        }
        return claim
    }

    static func adopting(_ object: Value, by owner: Value) -> Value {
        var copy = object
        var refs = copy[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
        refs.append(make(for: owner))
        copy[path: ["metadata", "ownerReferences"]] = .array(refs)
        return copy
    }

    static func releasing(_ object: Value, from owner: Value) -> Value {
        var copy = object
        let refs = (copy[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).filter { !refers($0, to: owner) }
        copy[path: ["metadata", "ownerReferences"]] = refs.isEmpty ? Value?.none : .array(refs)
        return copy
    }

    /// Whether `owner` controls `object`.
    static func controls(_ owner: Value, _ object: Value) -> Bool {
        of(object).map { refers($0, to: owner) } ?? false
    }
}
