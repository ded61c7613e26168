import Resources

/// The three-way merge of `kubectl apply`: what the live object becomes when `desired` is applied
/// over `live`, given `lastApplied` (what this source applied the previous time).
///
/// - A field in `desired` takes the desired value (mappings and keyed lists merge field by field).
/// - A field that was in `lastApplied` but is gone from `desired` is removed: git dropped it.
/// - A field in neither was written by someone else (a controller's `spec.clusterIP`, an annotation)
///   and is kept.
///
/// With no `live` the result is `desired`; with no `lastApplied` nothing is removed (adoption).
enum ApplyMerge {
    static func merge(live: Value?, lastApplied: Value?, desired: Value) -> Value {
        guard let live else { return desired }
        return merged(live: live, last: lastApplied, desired: desired, field: "") ?? live
    }

    /// What `live` becomes, or nil when it stays exactly as it is (fields in the same order). Most of
    /// a synced object does, and then none of its mappings is copied to be rebuilt the same.
    private static func merged(live: Value, last: Value?, desired: Value, field: String) -> Value? {
        switch (desired, live) {
        case (.object(let d), .object(let l)):
            let lastFields = last?.objectValue
            var result: Fields?
            for (key, value) in d {
                let change: Value?
                if let current = l[key] {
                    change = merged(live: current, last: lastFields?[key], desired: value, field: key)
                } else {
                    change = value
                }
                guard let change else { continue }
                if result == nil { result = l }
                result![key] = change
            }
            if let lastFields {
                for key in lastFields.keys where !d.contains(key) && l.contains(key) {
                    if result == nil { result = l }
                    result![key] = nil
                }
            }
            return result.map(Value.object)
        case (.array(let d), .array(let l)):
            guard let key = ListMergeKeys.key(forListField: field, items: d),
                ListMergeKeys.isUniqueKey(key, in: l)
            else { return replaced(live: live, desired: desired) }
            let lastItems = last?.arrayValue ?? []
            let lastKeyed = ListMergeKeys.isUniqueKey(key, in: lastItems) ? lastItems : []
            return mergeKeyedList(live: l, last: lastKeyed, desired: d, key: key).map(Value.array)
        default:
            return replaced(live: live, desired: desired)
        }
    }

    /// Desired items in desired order, each merged with its live twin; then live items that neither
    /// git nor the last apply mentioned (someone else added them), in live order. Nil when that is
    /// the live list itself: every desired item found at its own place in it, unchanged, and nothing
    /// dropped.
    private static func mergeKeyedList(live: [Value], last: [Value], desired: [Value], key: String) -> [Value]? {
        var liveByKey: [Value: Value] = [:]
        for item in live { liveByKey[item[key]!] = item }
        var lastByKey: [Value: Value] = [:]
        for item in last { lastByKey[item[key]!] = item }
        let desiredKeys = Set(desired.map { $0[key]! })

        var unchanged = true
        var result = desired.enumerated().map { index, item -> Value in
            let k = item[key]!
            guard let twin = liveByKey[k] else {
                unchanged = false
                return item
            }
            let change = merged(live: twin, last: lastByKey[k], desired: item, field: "")
            if change != nil || index >= live.count || live[index][key] != k { unchanged = false }
            return change ?? twin
        }
        for item in live {
            let k = item[key]!
            if !desiredKeys.contains(k) && lastByKey[k] == nil { result.append(item) }
        }
        return unchanged && result.count == live.count ? nil : result
    }

    /// A value git replaces whole: nil when live already reads exactly the same.
    private static func replaced(live: Value, desired: Value) -> Value? {
        identical(live, desired) ? nil : desired
    }

    /// Equal with fields in the same order (`==` ignores the order, as Kubernetes does).
    private static func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            return x.keys == y.keys && x.keys.allSatisfy { identical(x[$0]!, y[$0]!) }
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { identical($0, $1) }
        default:
            return a == b
        }
    }
}
