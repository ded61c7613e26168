/// What berth knows about one kind: its API version, the names `kubectl` accepts for it, and scope.
public struct KindInfo: Sendable, Hashable {
    /// `v1` or `apps/v1`.
    public var apiVersion: String
    public var kind: String
    /// The lower-case plural resource name: `deployments`.
    public var plural: String
    public var singular: String
    public var shortNames: [String]
    /// False for cluster-scoped kinds (Namespace, Node), whose objects have no namespace.
    public var isNamespaced: Bool

    public init(apiVersion: String, kind: String, plural: String, singular: String, shortNames: [String], isNamespaced: Bool) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.plural = plural
        self.singular = singular
        self.shortNames = shortNames
        self.isNamespaced = isNamespaced
    }

    /// "" for the core group, "apps" for `apps/v1`.
    public var group: String { ObjectKey.group(ofAPIVersion: apiVersion) }

    /// The version part of `apiVersion`: "v1".
    public var version: String {
        guard let slash = apiVersion.lastIndex(of: "/") else { return apiVersion }
        return String(apiVersion[apiVersion.index(after: slash)...])
    }
}

/// The kinds berth validates, defaults and runs controllers for, looked up as `kubectl` looks up
/// resource names. Any kind not here is generic: stored and diffed, treated as namespaced.
public struct KindRegistry: Sendable {
    public let kinds: [KindInfo]

    public init(kinds: [KindInfo]) { self.kinds = kinds }

    /// Groups whose kinds share names with built-ins in older API versions (`extensions/v1beta1`
    /// Deployment): a manifest using them is a built-in written with the wrong apiVersion, not a
    /// custom kind.
    static let legacyGroups: Set<String> = ["", "apps", "extensions"]

    public static let builtIn = KindRegistry(kinds: [
        KindInfo(apiVersion: "v1", kind: "Namespace", plural: "namespaces", singular: "namespace", shortNames: ["ns"], isNamespaced: false),
        KindInfo(apiVersion: "v1", kind: "Pod", plural: "pods", singular: "pod", shortNames: ["po"], isNamespaced: true),
        KindInfo(apiVersion: "apps/v1", kind: "Deployment", plural: "deployments", singular: "deployment", shortNames: ["deploy"], isNamespaced: true),
        KindInfo(apiVersion: "apps/v1", kind: "ReplicaSet", plural: "replicasets", singular: "replicaset", shortNames: ["rs"], isNamespaced: true),
        KindInfo(apiVersion: "v1", kind: "Service", plural: "services", singular: "service", shortNames: ["svc"], isNamespaced: true),
        KindInfo(apiVersion: "v1", kind: "Endpoints", plural: "endpoints", singular: "endpoints", shortNames: ["ep"], isNamespaced: true),
        KindInfo(apiVersion: "v1", kind: "ConfigMap", plural: "configmaps", singular: "configmap", shortNames: ["cm"], isNamespaced: true),
        KindInfo(apiVersion: "v1", kind: "Secret", plural: "secrets", singular: "secret", shortNames: [], isNamespaced: true),
        KindInfo(apiVersion: "v1", kind: "Node", plural: "nodes", singular: "node", shortNames: ["no"], isNamespaced: false),
        KindInfo(apiVersion: "v1", kind: "ServiceAccount", plural: "serviceaccounts", singular: "serviceaccount", shortNames: ["sa"], isNamespaced: true),
    ])

    /// A kind by any name `kubectl get` accepts, ignoring case: `deploy`, `deployments`,
    /// `Deployment`, `deployments.apps`, `deployments.v1.apps`.
    public func lookup(_ name: String) -> KindInfo? {
        let lowered = name.lowercased()
        if let match = kinds.first(where: { $0.matches(lowered) }) { return match }
        guard let dot = lowered.firstIndex(of: ".") else { return nil }
        let resource = String(lowered[..<dot])
        let qualifier = String(lowered[lowered.index(after: dot)...])
        return kinds.first { info in
            info.matches(resource) && (qualifier == info.group || qualifier == "\(info.version).\(info.group)")
        }
    }

    /// The built-in kind an object names, when it names one: the kind matches and the apiVersion's
    /// group is the kind's own or a legacy group. The apiVersion itself may still be wrong; validation
    /// says so.
    public func info(apiVersion: String, kind: String) -> KindInfo? {
        let group = ObjectKey.group(ofAPIVersion: apiVersion)
        guard let info = kinds.first(where: { $0.kind == kind }) else { return nil }
        return group == info.group || KindRegistry.legacyGroups.contains(group) ? info : nil
    }

    /// Whether objects of this kind live in a namespace; unknown kinds are taken as namespaced, as
    /// most custom kinds are.
    public func isNamespaced(apiVersion: String, kind: String) -> Bool {
        info(apiVersion: apiVersion, kind: kind)?.isNamespaced ?? true
    }
}

extension KindInfo {
    fileprivate func matches(_ lowered: String) -> Bool {
        lowered == plural || lowered == singular || lowered == kind.lowercased() || shortNames.contains(lowered)
    }
}
