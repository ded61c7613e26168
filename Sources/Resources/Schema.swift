/// The shape of a field in a built-in kind: what type its value must have. A subset of the
/// Kubernetes OpenAPI schema, enough to catch wrong types and report fields berth does not know.
indirect enum Shape: Sendable {
    case string
    case integer
    case boolean
    case number
    /// A resource quantity: a string such as `128Mi`, or a number.
    case quantity
    /// An int-or-string field such as `targetPort` or `maxSurge`.
    case intOrString
    /// Anything; fields berth keeps as written without checking.
    case any
    case list(Shape)
    /// A mapping with free keys and values of one shape (labels, nodeSelector, resource lists).
    case map(Shape)
    /// A Secret's `data`/`stringData`: strings whose values must never be quoted back.
    case secretMap
    case object(ObjectShape)
}

/// A mapping with known fields; any other field is kept and reported as a warning.
struct ObjectShape: Sendable {
    let fields: [String: Shape]

    init(_ fields: [String: Shape]) { self.fields = fields }

    func adding(_ more: [String: Shape]) -> ObjectShape {
        ObjectShape(fields.merging(more) { _, new in new })
    }
}

extension Shape {
    static func obj(_ fields: [String: Shape]) -> Shape { .object(ObjectShape(fields)) }
    static let stringMap: Shape = .map(.string)
    static let stringList: Shape = .list(.string)
    static let quantityMap: Shape = .map(.quantity)

    /// Checks `value` against this shape, recording type errors and unknown-field warnings.
    /// Null stands for an absent field, as the API server reads it.
    func check(_ value: Value, at path: FieldPath, into report: inout ValidationReport) {
        var path = path
        check(value, path: &path, into: &report)
    }

    /// The walk itself: `path` grows and shrinks as it goes, so a field costs no path of its own
    /// unless something is reported there.
    private func check(_ value: Value, path: inout FieldPath, into report: inout ValidationReport) {
        if value.isNull { return }
        switch self {
        case .any: return
        case .string: expect(value.stringValue != nil, "a string", value, path, &report)
        case .integer: expect(value.intValue != nil, "an integer", value, path, &report)
        case .boolean: expect(value.boolValue != nil, "a boolean", value, path, &report)
        case .number:
            let isNumber: Bool
            switch value {
            case .int, .double: isNumber = true
            default: isNumber = false
            }
            expect(isNumber, "a number", value, path, &report)
        case .intOrString:
            expect(value.intValue != nil || value.stringValue != nil, "an integer or a string", value, path, &report)
        case .quantity:
            switch value {
            case .string, .int, .double:
                do { _ = try Quantity(value: value) } catch { report.error(path, "invalid value \(Validation.describe(value)): \(error.reason)") }
            default:
                report.error(path, "expected a quantity (a string such as \"128Mi\" or a number), found \(Validation.describe(value))")
            }
        case .secretMap:
            guard let fields = value.objectValue else {
                report.error(path, "expected a mapping, found \(value.typeName)")
                return
            }
            for (key, item) in fields where !item.isNull && item.stringValue == nil {
                report.error(path.appending(key), "expected a string, found a value of type \(item.typeName)")
            }
        case .list(let element):
            guard let items = value.arrayValue else {
                report.error(path, "expected a list, found \(Validation.describe(value))")
                return
            }
            for (i, item) in items.enumerated() {
                path.components.append(.index(i))
                element.check(item, path: &path, into: &report)
                path.components.removeLast()
            }
        case .map(let element):
            guard let fields = value.objectValue else {
                report.error(path, "expected a mapping, found \(Validation.describe(value))")
                return
            }
            for (key, item) in fields {
                path.components.append(.key(key))
                element.check(item, path: &path, into: &report)
                path.components.removeLast()
            }
        case .object(let shape):
            guard let fields = value.objectValue else {
                report.error(path, "expected a mapping, found \(Validation.describe(value))")
                return
            }
            for (key, item) in fields {
                path.components.append(.key(key))
                if let fieldShape = shape.fields[key] {
                    fieldShape.check(item, path: &path, into: &report)
                } else {
                    report.warn(path, "unknown field \"\(path)\" (kept as written, not checked)")
                }
                path.components.removeLast()
            }
        }
    }

    private func expect(_ ok: Bool, _ expected: String, _ value: Value, _ path: FieldPath, _ report: inout ValidationReport) {
        if !ok { report.error(path, "expected \(expected), found \(Validation.describe(value))") }
    }
}
