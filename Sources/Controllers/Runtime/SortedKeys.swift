import Resources

/// Object keys kept in order as they come and go, so that reading them in order needs no sort.
struct SortedKeys: Sendable {
    private(set) var keys: [ObjectKey] = []

    var isEmpty: Bool { keys.isEmpty }

    mutating func insert(_ key: ObjectKey) {
        let (index, found) = position(of: key)
        if !found { keys.insert(key, at: index) }
    }

    mutating func remove(_ key: ObjectKey) {
        let (index, found) = position(of: key)
        if found { keys.remove(at: index) }
    }

    /// Where `key` is, or where it would go.
    private func position(of key: ObjectKey) -> (index: Int, found: Bool) {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return (low, low < keys.count && keys[low] == key)
    }
}
