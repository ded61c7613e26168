import Resources

extension Array where Element == ObjectKey {
    /// How many of these are among `keys`. A few keys are compared one by one, which is much
    /// cheaper than hashing every key of a long array.
    func count(among keys: [ObjectKey]) -> Int {
        if keys.isEmpty { return 0 }
        if keys.count <= 16 { return count { $0.isAmong(keys) } }
        let wanted = Set(keys)
        return count(where: wanted.contains)
    }

    /// These keys but those among `others`, in order: the array itself when there are none, else
    /// one array of the exact size (ten thousand keys grown one by one touch twice the memory).
    func excluding(_ others: [ObjectKey]) -> [ObjectKey] {
        if others.isEmpty { return self }
        let unwanted = others.count <= 16 ? nil : Set(others)
        let dropped = indices.filter { unwanted?.contains(self[$0]) ?? self[$0].isAmong(others) }
        if dropped.isEmpty { return self }
        var kept: [ObjectKey] = []
        kept.reserveCapacity(count - dropped.count)
        var start = 0
        for index in dropped {
            kept += self[start..<index]
            start = index + 1
        }
        kept += self[start...]
        return kept
    }
}

extension ObjectKey {
    /// Whether a few `keys` hold this one: names first, as they tell keys apart at once.
    fileprivate func isAmong(_ keys: [ObjectKey]) -> Bool {
        keys.contains { $0.name == name && $0 == self }
    }
}
