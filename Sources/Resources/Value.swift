/// A JSON-like value tree: what a manifest decodes to, what the store keeps, what a diff compares.
///
/// Integers and floating-point numbers stay apart (`replicas: 3` is `.int(3)`) so that a round trip
/// through YAML or JSON writes back what was read. Unknown fields are kept as they are.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([Value])
    case object(Fields)
}

extension Value {
    /// An empty mapping.
    public static var emptyObject: Value { .object(Fields()) }

    public var objectValue: Fields? {
        if case .object(let f) = self { return f }
        return nil
    }

    public var arrayValue: [Value]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var intValue: Int64? {
        if case .int(let i) = self { return i }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The name of this value's type as a user reads it in an error: "string", "integer", "mapping" …
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "list"
        case .object: return "mapping"
        }
    }

    /// The field `key` of a mapping; nil for a missing field or a value that is not a mapping.
    public subscript(key: String) -> Value? {
        get { objectValue?[key] }
        set {
            guard case .object(var fields) = self else { return }
            self = .null  // release the payload so the mutation below does not copy it
            fields[key] = newValue
            self = .object(fields)
        }
    }

    /// Runs `body` on the field `key` of a mapping in place, so the field is not copied first;
    /// nil when the field is absent or this is not a mapping.
    public mutating func modify<R>(_ key: String, _ body: (inout Value) throws -> R) rethrows -> R? {
        guard case .object(var fields) = self else { return nil }
        self = .null  // release the payload so the mutation below does not copy it
        defer { self = .object(fields) }
        return try fields.modify(key, body)
    }

    /// Runs `body` on the field `key` of a mapping in place, adding the field first with `initial`
    /// when it is absent; nil when this is not a mapping.
    public mutating func modify<R>(
        _ key: String, default initial: @autoclosure () -> Value, _ body: (inout Value) throws -> R
    ) rethrows -> R? {
        guard case .object(var fields) = self else { return nil }
        self = .null  // release the payload so the mutation below does not copy it
        defer { self = .object(fields) }
        return try fields.modify(key, default: initial(), body)
    }

    /// The value at a path of mapping keys; nil when any step is missing.
    public subscript(path path: [String]) -> Value? {
        get {
            var current = self
            for key in path {
                guard let next = current[key] else { return nil }
                current = next
            }
            return current
        }
        set {
            guard let first = path.first else {
                if let newValue { self = newValue }
                return
            }
            guard case .object = self else { return }
            let rest = Array(path.dropFirst())
            if rest.isEmpty {
                self[first] = newValue
                return
            }
            if newValue == nil && self[first] == nil { return }
            var child = self[first] ?? .emptyObject
            child[path: rest] = newValue
            self[first] = child
        }
    }
}

/// A mapping's fields in the order they were written. Equality and hashing ignore the order, as
/// Kubernetes does when it compares objects.
///
/// The fields are kept as one list in order. Most mappings in a manifest have a handful of fields,
/// which a scan finds faster than hashing the key; a mapping past `indexThreshold` fields also
/// keeps an index from key to position.
public struct Fields: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: String, value: Value)

    private var entries: [Element] = []
    private var index: [String: Int]?

    /// Mappings with more fields than this are looked up through `index`.
    private static let indexThreshold = 12

    public init() {}

    public init(dictionaryLiteral elements: (String, Value)...) {
        for (k, v) in elements { self[k] = v }
    }

    /// Builds fields from pairs in order; a later pair with the same key replaces the earlier value.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, Value) {
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// The keys in the order they were written.
    public var keys: [String] { entries.map(\.key) }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        // Compared as strings, not bytes: keys are equal by canonical equivalence, as a
        // dictionary's are (the Kelvin sign is the key K).
        return entries.firstIndex { $0.key == key }
    }

    public subscript(key: String) -> Value? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let newValue {
                if let i = position(of: key) {
                    entries[i].value = newValue
                } else {
                    append(key, newValue)
                }
            } else if let i = position(of: key) {
                entries.remove(at: i)
                if index != nil { rebuildIndex() }
            }
        }
    }

    /// Adds a field known not to be there yet.
    private mutating func append(_ key: String, _ value: Value) {
        entries.append((key, value))
        if index != nil {
            index![key] = entries.count - 1
        } else if entries.count > Fields.indexThreshold {
            rebuildIndex()
        }
    }

    private mutating func rebuildIndex() {
        guard entries.count > Fields.indexThreshold else {
            index = nil
            return
        }
        var built: [String: Int] = [:]
        built.reserveCapacity(entries.count)
        for (i, entry) in entries.enumerated() { built[entry.key] = i }
        index = built
    }

    /// Sets a field that is not there yet and returns true, or returns false and changes nothing
    /// when the key is already present.
    public mutating func insertNew(_ key: String, _ value: Value) -> Bool {
        guard position(of: key) == nil else { return false }
        append(key, value)
        return true
    }

    /// Runs `body` on the value of `key` in place, without copying it; nil when the key is absent.
    public mutating func modify<R>(_ key: String, _ body: (inout Value) throws -> R) rethrows -> R? {
        guard let i = position(of: key) else { return nil }
        return try body(&entries[i].value)
    }

    /// Runs `body` on the value of `key` in place, adding the field first with `initial` when it is
    /// absent.
    public mutating func modify<R>(
        _ key: String, default initial: @autoclosure () -> Value, _ body: (inout Value) throws -> R
    ) rethrows -> R {
        let i: Int
        if let found = position(of: key) {
            i = found
        } else {
            append(key, initial())
            i = entries.count - 1
        }
        return try body(&entries[i].value)
    }

    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    /// Fields with keys in byte order, for output that must not depend on the order of writing.
    public var sortedByKey: [Element] {
        entries.sorted { $0.key < $1.key }
    }

    public func makeIterator() -> IndexingIterator<[Element]> {
        entries.makeIterator()
    }

    public static func == (lhs: Fields, rhs: Fields) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (i, entry) in lhs.entries.enumerated() {
            // Fields written in the same order compare pairwise; otherwise look the key up.
            let other = rhs.entries[i].key == entry.key ? rhs.entries[i].value : rhs[entry.key]
            guard other == entry.value else { return false }
        }
        return true
    }

    /// Combines the fields' hashes in an order-independent way, as `Dictionary` does.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for entry in entries {
            var elementHasher = hasher
            elementHasher.combine(entry.key)
            elementHasher.combine(entry.value)
            combined ^= elementHasher.finalize()
        }
        hasher.combine(combined)
    }
}

// Deliberately not ExpressibleByNilLiteral: `cond ? nil : value` typed as `Value?` would then
// silently produce `.null` instead of no value. Write `.null` for a YAML/JSON null.
extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) { self = .object(Fields(elements)) }
}
