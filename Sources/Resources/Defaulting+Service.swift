/// Defaults of Services, as `SetDefaults_Service` sets them.
extension Defaulting {
    static let clientIPAffinitySeconds: Int64 = 10800

    static func defaultService(_ object: inout Value) {
        modifyMapping(&object, "spec", defaultServiceSpec)
    }

    private static func defaultServiceSpec(_ spec: inout Value) {
        setIfAbsent(&spec, "sessionAffinity", "None")
        if spec["sessionAffinity"] == "None" { spec["sessionAffinityConfig"] = nil }
        if spec["sessionAffinity"] == "ClientIP",
            spec[path: ["sessionAffinityConfig", "clientIP", "timeoutSeconds"]] == nil
        {
            spec["sessionAffinityConfig"] = ["clientIP": ["timeoutSeconds": .int(clientIPAffinitySeconds)]]
        }
        setIfAbsent(&spec, "type", "ClusterIP")
        mapItems(&spec, "ports") { port in
            setIfAbsent(&port, "protocol", "TCP")
            if port["targetPort"] == nil || port["targetPort"] == 0 || port["targetPort"] == "" || port["targetPort"] == .null,
                let number = port["port"]?.intValue
            {
                port["targetPort"] = .int(number)
            }
        }
        let type = spec["type"]?.stringValue ?? ""
        let hasExternalIPs = !(spec["externalIPs"]?.arrayValue ?? []).isEmpty
        if type == "NodePort" || type == "LoadBalancer" || (type == "ClusterIP" && hasExternalIPs) {
            setIfAbsent(&spec, "externalTrafficPolicy", "Cluster")
        }
        if ["ClusterIP", "NodePort", "LoadBalancer"].contains(type) {
            setIfAbsent(&spec, "internalTrafficPolicy", "Cluster")
        }
        if type == "LoadBalancer" { setIfAbsent(&spec, "allocateLoadBalancerNodePorts", true) }
    }
}
