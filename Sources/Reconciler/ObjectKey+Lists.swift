import Resources

extension Array where Element == ObjectKey {
    /// How many of these are among `keys`. A few keys are compared one by one, which is much
    /// cheaper than hashing every key of a long array.
    func count(among keys: [ObjectKey]) -> Int {
        if keys.isEmpty { return 0 }
        if keys.count <= 16 { return count { keys.contains($0) } }
        let wanted = Set(keys)
        return count(where: wanted.contains)
    }

    /// These keys but those among `others`, in order: the array itself when there are none.
    func excluding(_ others: [ObjectKey]) -> [ObjectKey] {
        if others.isEmpty { return self }
        if others.count <= 16 { return filter { !others.contains($0) } }
        let unwanted = Set(others)
        return filter { !unwanted.contains($0) }
    }
}
