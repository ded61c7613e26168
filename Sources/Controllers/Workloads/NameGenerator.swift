/// Makes the random part of generated names, as the API server does for `metadata.generateName`:
/// five characters of `PodTemplateHash.alphabet`. Injected so tests and demos name pods reproducibly.
public protocol NameGenerator {
    /// Five characters from `PodTemplateHash.alphabet`.
    mutating func nextSuffix() -> String
}

extension NameGenerator {
    /// `<base><5 chars>`, the base cut to 58 characters first so the name stays within 63, as the
    /// API server's `SimpleNameGenerator` does; a name in `taken` is drawn again.
    mutating func generateName(base: String, avoiding taken: Set<String>) -> String {
        let prefix = String(base.prefix(58))
        while true {
            let name = prefix + nextSuffix()
            if !taken.contains(name) { return name }
        }
    }
}

/// A reproducible generator (SplitMix64 over a seed): the same seed names the same pods.
public struct SeededNameGenerator: NameGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func nextSuffix() -> String {
        String((0..<5).map { _ in PodTemplateHash.alphabet[Int(next() % UInt64(PodTemplateHash.alphabet.count))] })
    }

    private mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
