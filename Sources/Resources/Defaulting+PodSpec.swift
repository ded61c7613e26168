/// Defaults of the pod spec (Pods and templates alike), its containers, probes and volumes.
extension Defaulting {
    static func defaultPodSpec(_ spec: inout Value) {
        setIfAbsent(&spec, "dnsPolicy", "ClusterFirst")
        setIfAbsent(&spec, "restartPolicy", "Always")
        setIfAbsent(&spec, "securityContext", .emptyObject)
        setIfAbsent(&spec, "terminationGracePeriodSeconds", 30)
        setIfAbsent(&spec, "schedulerName", "default-scheduler")
        for list in ["containers", "initContainers"] { mapItems(&spec, list, defaultContainer) }
        mapItems(&spec, "volumes", defaultVolume)
        canonicalizeResources(in: &spec, "overhead")
        modifyMapping(&spec, "resources", canonicalizeRequirements)
    }

    static func defaultContainer(_ container: inout Value) {
        if let image = container["image"]?.stringValue {
            setIfAbsent(&container, "imagePullPolicy", .string(defaultPullPolicy(forImage: image)))
        }
        setIfAbsent(&container, "terminationMessagePath", "/dev/termination-log")
        setIfAbsent(&container, "terminationMessagePolicy", "File")
        mapItems(&container, "ports") { port in setIfAbsent(&port, "protocol", "TCP") }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            modifyMapping(&container, probe, defaultProbe)
        }
        container.modify("lifecycle") { lifecycle in
            for hook in ["postStart", "preStop"] { modifyMapping(&lifecycle, hook, defaultHandler) }
        }
        mapItems(&container, "env") { variable in
            variable.modify("valueFrom") { from in
                modifyMapping(&from, "fieldRef") { fieldRef in setIfAbsent(&fieldRef, "apiVersion", "v1") }
            }
        }
        modifyMapping(&container, "resources", canonicalizeRequirements)
    }

    /// `Always` for `:latest` or an untagged image, `IfNotPresent` for any other tag or a digest.
    /// A colon before the last `/` belongs to a registry port (`registry:5000/app` has no tag).
    public static func defaultPullPolicy(forImage image: String) -> String {
        // In ASCII text every byte is a character, so the bytes are searched; other text is
        // searched by characters.
        let (digest, latest) =
            image.utf8.allSatisfy { $0 < 0x80 }
            ? tag(of: image.utf8[...], at: UInt8(ascii: "@"), slash: UInt8(ascii: "/"), colon: UInt8(ascii: ":"), latest: "latest".utf8)
            : tag(of: image[...], at: "@", slash: "/", colon: ":", latest: "latest")
        // With a digest, Kubernetes reads a tag only if one is written before it.
        if digest { return latest == true ? "Always" : "IfNotPresent" }
        return latest != false ? "Always" : "IfNotPresent"
    }

    /// Whether the reference has a digest, and whether its tag (the text after the last colon of
    /// the last path part, before any digest) is `latest`: nil when it has no tag.
    private static func tag<C: BidirectionalCollection>(
        of image: C, at: C.Element, slash: C.Element, colon: C.Element, latest: some Sequence<C.Element>
    ) -> (digest: Bool, latest: Bool?) where C.SubSequence == C, C.Element: Equatable {
        var reference = image
        let digest = reference.firstIndex(of: at)
        if let digest { reference = reference[..<digest] }
        let lastPart = reference.lastIndex(of: slash).map { reference[reference.index(after: $0)...] } ?? reference
        guard let colon = lastPart.lastIndex(of: colon) else { return (digest != nil, nil) }
        return (digest != nil, lastPart[lastPart.index(after: colon)...].elementsEqual(latest))
    }

    private static func defaultProbe(_ probe: inout Value) {
        // These are plain ints in Go, so 0 counts as unset.
        let defaults: [(String, Int64)] = [("timeoutSeconds", 1), ("periodSeconds", 10), ("successThreshold", 1), ("failureThreshold", 3)]
        for (key, value) in defaults where probe[key] == 0 || probe[key] == nil || probe[key] == .null {
            probe[key] = .int(value)
        }
        defaultHandler(&probe)
        modifyMapping(&probe, "grpc") { grpc in
            if grpc["service"] == nil || grpc["service"] == .null { grpc["service"] = "" }
        }
    }

    private static func defaultHandler(_ handler: inout Value) {
        modifyMapping(&handler, "httpGet") { get in
            setIfAbsent(&get, "path", "/")
            setIfAbsent(&get, "scheme", "HTTP")
        }
    }

    private static func defaultVolume(_ volume: inout Value) {
        guard let fields = volume.objectValue else { return }
        // A volume naming no source is an emptyDir.
        if !fields.contains(where: { $0.key != "name" && !$0.value.isNull }) {
            volume["emptyDir"] = .emptyObject
        }
        for source in ["configMap", "secret", "downwardAPI", "projected"] {
            guard var value = volume[source], value.objectValue != nil else { continue }
            setIfAbsent(&value, "defaultMode", 420)
            volume[source] = value
        }
        if var hostPath = volume["hostPath"], hostPath.objectValue != nil, hostPath["type"] == nil {
            hostPath["type"] = ""
            volume["hostPath"] = hostPath
        }
        if var projected = volume["projected"], projected.objectValue != nil {
            mapItems(&projected, "sources") { source in
                guard var token = source["serviceAccountToken"], token.objectValue != nil else { return }
                setIfAbsent(&token, "expirationSeconds", 3600)
                source["serviceAccountToken"] = token
            }
            volume["projected"] = projected
        }
        if var emptyDir = volume["emptyDir"], let limit = emptyDir["sizeLimit"], let q = try? Quantity(value: limit) {
            emptyDir["sizeLimit"] = .string(q.canonical)
            volume["emptyDir"] = emptyDir
        }
    }

    /// The limits and requests of a container or pod.
    private static func canonicalizeRequirements(_ resources: inout Value) {
        canonicalizeResources(in: &resources, "limits")
        canonicalizeResources(in: &resources, "requests")
    }

    /// Rounds each quantity up to milli precision and writes it in canonical form, as the API
    /// server stores resource lists; values that do not parse are left for validation.
    static func canonicalizeResources(in object: inout Value, _ key: String) {
        modifyMapping(&object, key) { list in
            guard case .object(var fields) = list else { return }
            list = .null  // release the payload so the fields are changed without a copy
            for name in fields.keys {
                fields.modify(name) { value in
                    if let q = try? Quantity(value: value) { value = .string(q.roundedUp(toScale: -3).canonical) }
                }
            }
            list = .object(fields)
        }
    }
}
