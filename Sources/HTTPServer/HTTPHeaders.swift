/// Header fields in the order they arrived, looked up without regard to case (RFC 9110 §5.1).
///
/// Order and repeats are kept because some fields (`Set-Cookie`, `Via`) mean something only as a
/// list; `subscript` answers the first value, `values(for:)` all of them.
public struct HTTPHeaders: Sendable, Hashable, Sequence {
    public private(set) var fields: [Field]

    /// One `name: value` line, with the name as the client spelled it.
    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(_ pairs: [(String, String)] = []) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    /// The first value of the field called `name`, compared case-insensitively.
    public subscript(name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    /// Every value of the field called `name`, in arrival order.
    public func values(for name: String) -> [String] {
        let wanted = name.lowercased()
        return fields.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The comma-separated list tokens of a field such as `Connection`, lowercased (RFC 9110 §5.6.1).
    public func tokens(for name: String) -> [String] {
        values(for: name).flatMap { value in
            value.split(separator: ",").map { $0.trimmingCharacters(in: " \t").lowercased() }
        }.filter { !$0.isEmpty }
    }

    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }
}

extension StringProtocol {
    /// Trims only the given ASCII characters; HTTP whitespace is exactly space and tab, and
    /// Foundation's `.whitespaces` would also eat Unicode spaces a client is not allowed to send.
    func trimmingCharacters(in set: String) -> String {
        let drop = Set(set)
        var slice = Substring(self)
        while let first = slice.first, drop.contains(first) { slice.removeFirst() }
        while let last = slice.last, drop.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
