import Resources

/// Lists whose items Kubernetes' strategic merge identifies by a key field rather than by position.
///
/// Merging and diffing by key is what lets a controller add a field inside one item (a Service port's
/// allocated `nodePort`, say) without the next apply from git erasing it, and lets a diff say
/// "container web: image changed" instead of "the list changed".
enum ListMergeKeys {
    /// The key field for the list stored under `field`, judged by what its items hold; nil when the
    /// list is merged as a whole (replaced).
    static func key(forListField field: String, items: [Value]) -> String? {
        let candidates: [String]
        switch field {
        case "containers", "initContainers", "ephemeralContainers", "volumes", "env", "imagePullSecrets":
            candidates = ["name"]
        case "ports": candidates = ["containerPort", "port"]
        case "volumeMounts": candidates = ["mountPath"]
        case "volumeDevices": candidates = ["devicePath"]
        case "hostAliases": candidates = ["ip"]
        case "readinessGates": candidates = ["conditionType"]
        case "conditions": candidates = ["type"]
        default: return nil
        }
        for candidate in candidates where isUniqueKey(candidate, in: items) {
            return candidate
        }
        return nil
    }

    /// True when every item is a mapping holding a scalar under `key`, and no two items share it.
    static func isUniqueKey(_ key: String, in items: [Value]) -> Bool {
        var seen = Set<Value>()
        for item in items {
            guard let k = item[key], k.objectValue == nil, k.arrayValue == nil else { return false }
            guard seen.insert(k).inserted else { return false }
        }
        return true
    }
}
