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
        merge(live: live, last: lastApplied, desired: desired, field: "")
    }

    private static func merge(live: Value?, last: Value?, desired: Value, field: String) -> Value {
        switch (desired, live) {
        case (.object(let d), .object(var result)?):
            let lastFields = last?.objectValue
            for (key, value) in d {
                result[key] = merge(live: result[key], last: lastFields?[key], desired: value, field: key)
            }
            if let lastFields {
                for key in lastFields.keys where !d.contains(key) {
                    result[key] = nil
                }
            }
            return .object(result)
        case (.array(let d), .array(let l)?):
            guard let key = ListMergeKeys.key(forListField: field, items: d),
                ListMergeKeys.isUniqueKey(key, in: l)
            else { return desired }
            let lastItems = last?.arrayValue ?? []
            let lastKeyed = ListMergeKeys.isUniqueKey(key, in: lastItems) ? lastItems : []
            return .array(mergeKeyedList(live: l, last: lastKeyed, desired: d, key: key))
        default:
            return desired
        }
    }

    /// Desired items in desired order, each merged with its live twin; then live items that neither
    /// git nor the last apply mentioned (someone else added them), in live order.
    private static func mergeKeyedList(live: [Value], last: [Value], desired: [Value], key: String) -> [Value] {
        var liveByKey: [Value: Value] = [:]
        for item in live { liveByKey[item[key]!] = item }
        var lastByKey: [Value: Value] = [:]
        for item in last { lastByKey[item[key]!] = item }
        let desiredKeys = Set(desired.map { $0[key]! })

        var result = desired.map { item -> Value in
            let k = item[key]!
            return merge(live: liveByKey[k], last: lastByKey[k], desired: item, field: "")
        }
        for item in live {
            let k = item[key]!
            if !desiredKeys.contains(k) && lastByKey[k] == nil { result.append(item) }
        }
        return result
    }
}
