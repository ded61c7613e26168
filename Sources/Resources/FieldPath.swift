/// A path to a field inside an object, written as Kubernetes writes it in errors:
/// `spec.template.spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    public init(arrayLiteral elements: Component...) { self.components = elements }

    /// A path of mapping keys only: `FieldPath(keys: "spec", "replicas")`.
    public init(keys: String...) { self.components = keys.map { .key($0) } }

    public static let root = FieldPath()

    public var isRoot: Bool { components.isEmpty }

    public func appending(_ key: String) -> FieldPath {
        var path = self
        path.components.append(.key(key))
        return path
    }

    public func appending(index: Int) -> FieldPath {
        var path = self
        path.components.append(.index(index))
        return path
    }

    /// The path without its last component; the root's parent is the root.
    public var parent: FieldPath { FieldPath(Array(components.dropLast())) }

    public var description: String {
        var out = ""
        for component in components {
            switch component {
            case .index(let i): out += "[\(i)]"
            case .key(let k):
                if FieldPath.isPlain(k) {
                    if !out.isEmpty { out += "." }
                    out += k
                } else {
                    out += "[\"\(k)\"]"
                }
            }
        }
        return out.isEmpty ? "<root>" : out
    }

    private static func isPlain(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D
        }
    }
}

extension Value {
    /// The value at a field path; nil when any step is missing or of the wrong shape.
    public subscript(fieldPath path: FieldPath) -> Value? {
        var current = self
        for component in path.components {
            switch component {
            case .key(let k):
                guard let next = current[k] else { return nil }
                current = next
            case .index(let i):
                guard let items = current.arrayValue, i >= 0, i < items.count else { return nil }
                current = items[i]
            }
        }
        return current
    }
}
