import Resources

/// The `pod-template-hash` of a Deployment's pod template, which names its ReplicaSet
/// (`<deployment>-<hash>`) and labels the ReplicaSet's pods, as Kubernetes' `ComputeHash` makes it.
///
/// Kubernetes hashes the Go struct with FNV-32a; berth hashes the template's canonical JSON (keys
/// sorted at every level, nulls and empty mappings or lists dropped) instead, so the same template
/// gives the same name on every run and platform, though not the very string a real cluster would.
public enum PodTemplateHash {
    /// The characters Kubernetes' `rand.SafeEncodeString` maps to: no vowels (so no words are
    /// spelled) and no 0, 1 or 3, which are easy to confuse with letters.
    public static let alphabet: [Character] = Array("bcdfghjklmnpqrstvwxz2456789")

    /// The hash of `template` (its `pod-template-hash` label ignored), with `collisionCount` folded in
    /// when present: its 32 bits little-endian in an 8-byte buffer, exactly as `ComputeHash` writes it.
    public static func compute(template: Value, collisionCount: Int64?) -> String {
        var hasher = FNV32a()
        hasher.write(Array(canonicalJSON(withoutHashLabel(template)).utf8))
        if let collisionCount {
            let bits = UInt32(truncatingIfNeeded: collisionCount)
            hasher.write([UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24), 0, 0, 0, 0])
        }
        return safeEncode(String(hasher.value))
    }

    /// Kubernetes' `SafeEncodeString`: each byte of `text` picks `alphabet[byte % 27]`, so the decimal
    /// digits of a hash become `0→4, 1→5, 2→6, 3→7, 4→8, 5→9, 6→b, 7→c, 8→d, 9→f`.
    public static func safeEncode(_ text: String) -> String {
        String(text.utf8.map { alphabet[Int($0) % alphabet.count] })
    }

    /// `EqualIgnoreHash`: two templates are the same once their `pod-template-hash` labels are removed,
    /// with an empty mapping or list equal to an absent one (as `apiequality.Semantic` treats nil and empty).
    public static func equalIgnoringHash(_ a: Value, _ b: Value) -> Bool {
        normalized(withoutHashLabel(a)) == normalized(withoutHashLabel(b))
    }

    /// The template with its `pod-template-hash` label removed (and an emptied labels mapping with it).
    public static func withoutHashLabel(_ template: Value) -> Value {
        var copy = template
        guard var labels = copy[path: ["metadata", "labels"]], labels.objectValue != nil else { return copy }
        labels[WorkloadKeys.podTemplateHash] = nil
        copy[path: ["metadata", "labels"]] = labels.objectValue?.isEmpty == true ? Value?.none : labels
        return copy
    }

    /// Compact JSON with sorted keys of the normalized value: one text per template, whatever the
    /// order its fields were written in.
    static func canonicalJSON(_ value: Value) -> String { sortedKeys(normalized(value)).jsonString() }

    /// Drops nulls and empty mappings and lists at every level.
    static func normalized(_ value: Value) -> Value {
        switch value {
        case .object(let fields):
            var out = Fields()
            for (key, child) in fields {
                let n = normalized(child)
                if isEmpty(n) { continue }
                out[key] = n
            }
            return .object(out)
        case .array(let items):
            return .array(items.map(normalized))
        default:
            return value
        }
    }

    private static func isEmpty(_ value: Value) -> Bool {
        switch value {
        case .null: return true
        case .object(let f): return f.isEmpty
        case .array(let a): return a.isEmpty
        default: return false
        }
    }

    private static func sortedKeys(_ value: Value) -> Value {
        switch value {
        case .object(let fields): return .object(Fields(fields.sortedByKey.map { ($0.key, sortedKeys($0.value)) }))
        case .array(let items): return .array(items.map(sortedKeys))
        default: return value
        }
    }
}

/// 32-bit FNV-1a (offset basis 2166136261, prime 16777619), Go's `hash/fnv.New32a`.
struct FNV32a {
    private(set) var value: UInt32 = 2_166_136_261

    mutating func write(_ bytes: [UInt8]) {
        for byte in bytes {
            value ^= UInt32(byte)
            value = value &* 16_777_619
        }
    }
}
