/// Top-level shapes of the built-in kinds. `status` is written by controllers and kept unchecked.
extension Shape {
    private static func kind(_ fields: [String: Shape]) -> Shape {
        .obj(["apiVersion": .string, "kind": .string, "metadata": objectMeta, "status": .any].merging(fields) { $1 })
    }

    static let rollingUpdate: Shape = .obj(["maxUnavailable": .intOrString, "maxSurge": .intOrString])

    static let kinds: [String: Shape] = [
        "Namespace": kind(["spec": .obj(["finalizers": .stringList])]),
        "Pod": kind(["spec": podSpec]),
        "Deployment": kind([
            "spec": .obj([
                "replicas": .integer, "selector": labelSelector, "template": podTemplateSpec,
                "strategy": .obj(["type": .string, "rollingUpdate": rollingUpdate]),
                "minReadySeconds": .integer, "revisionHistoryLimit": .integer, "paused": .boolean,
                "progressDeadlineSeconds": .integer,
            ])
        ]),
        "ReplicaSet": kind([
            "spec": .obj([
                "replicas": .integer, "minReadySeconds": .integer, "selector": labelSelector, "template": podTemplateSpec,
            ])
        ]),
        "Service": kind([
            "spec": .obj([
                "ports": .list(.obj([
                    "name": .string, "protocol": .string, "appProtocol": .string, "port": .integer,
                    "targetPort": .intOrString, "nodePort": .integer,
                ])),
                "selector": .stringMap, "clusterIP": .string, "clusterIPs": .stringList, "type": .string,
                "externalIPs": .stringList, "sessionAffinity": .string, "loadBalancerIP": .string,
                "loadBalancerSourceRanges": .stringList, "externalName": .string, "externalTrafficPolicy": .string,
                "healthCheckNodePort": .integer, "publishNotReadyAddresses": .boolean,
                "sessionAffinityConfig": .obj(["clientIP": .obj(["timeoutSeconds": .integer])]),
                "ipFamilies": .stringList, "ipFamilyPolicy": .string, "allocateLoadBalancerNodePorts": .boolean,
                "loadBalancerClass": .string, "internalTrafficPolicy": .string, "trafficDistribution": .string,
            ])
        ]),
        "Endpoints": kind([
            "subsets": .list(.obj([
                "addresses": .list(endpointAddress), "notReadyAddresses": .list(endpointAddress),
                "ports": .list(.obj(["name": .string, "port": .integer, "protocol": .string, "appProtocol": .string])),
            ]))
        ]),
        "ConfigMap": kind(["data": .stringMap, "binaryData": .stringMap, "immutable": .boolean]),
        "Secret": kind(["data": .secretMap, "stringData": .secretMap, "type": .string, "immutable": .boolean]),
        "Node": kind([
            "spec": .obj([
                "podCIDR": .string, "podCIDRs": .stringList, "providerID": .string, "unschedulable": .boolean,
                "taints": .list(.obj(["key": .string, "value": .string, "effect": .string, "timeAdded": .string])),
                "configSource": .any, "externalID": .string,
            ])
        ]),
        "ServiceAccount": kind([
            "secrets": .list(objectReference), "imagePullSecrets": .list(localObjectReference),
            "automountServiceAccountToken": .boolean,
        ]),
    ]

    static let endpointAddress: Shape = .obj([
        "ip": .string, "hostname": .string, "nodeName": .string, "targetRef": objectReference,
    ])
}
