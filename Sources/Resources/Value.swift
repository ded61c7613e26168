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
public struct Fields: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var keys: [String] = []
    private var storage: [String: Value] = [:]

    public init() {}

    public init(dictionaryLiteral elements: (String, Value)...) {
        for (k, v) in elements { self[k] = v }
    }

    /// Builds fields from pairs in order; a later pair with the same key replaces the earlier value.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, Value) {
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public func contains(_ key: String) -> Bool { storage[key] != nil }

    /// Fields with keys in byte order, for output that must not depend on the order of writing.
    public var sortedByKey: [(key: String, value: Value)] {
        keys.sorted().map { ($0, storage[$0]!) }
    }

    public func makeIterator() -> Iterator { Iterator(fields: self) }

    /// The fields in the order they were written.
    public struct Iterator: IteratorProtocol {
        let fields: Fields
        var index = 0

        public mutating func next() -> (key: String, value: Value)? {
            guard index < fields.keys.count else { return nil }
            defer { index += 1 }
            let key = fields.keys[index]
            return (key, fields.storage[key]!)
        }
    }

    public static func == (lhs: Fields, rhs: Fields) -> Bool { lhs.storage == rhs.storage }
    public func hash(into hasher: inout Hasher) { hasher.combine(storage) }
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
