/// Bounds that keep a hostile or broken manifest from exhausting memory or time.
public struct DecodeLimits: Sendable, Hashable {
    /// Files larger than this are refused before parsing starts.
    public var maxFileBytes: Int
    /// Nodes that alias references may produce in one file, counted as if every alias were
    /// copied out in full. Expansion is never materialised (values are shared), but code after the
    /// decoder walks the tree, so a "billion laughs" file must be refused here.
    public var maxAliasExpansion: Int
    /// Mappings and lists nested deeper than this are refused.
    public var maxDepth: Int

    public init(maxFileBytes: Int = 8 << 20, maxAliasExpansion: Int = 100_000, maxDepth: Int = 256) {
        self.maxFileBytes = maxFileBytes
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDepth = maxDepth
    }

    public static let `default` = DecodeLimits()
}
