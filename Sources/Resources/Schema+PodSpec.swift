/// Shapes of the pod spec and everything inside it, following core/v1 field for field where real
/// manifests use them; rarely used volume sources are kept as `.any`.
extension Shape {
    static let objectMeta: Shape = .obj([
        "name": .string, "generateName": .string, "namespace": .string, "labels": .stringMap,
        "annotations": .stringMap, "uid": .string, "resourceVersion": .string, "generation": .integer,
        "creationTimestamp": .any, "deletionTimestamp": .string, "deletionGracePeriodSeconds": .integer,
        "ownerReferences": .list(.obj([
            "apiVersion": .string, "kind": .string, "name": .string, "uid": .string,
            "controller": .boolean, "blockOwnerDeletion": .boolean,
        ])),
        "finalizers": .stringList, "managedFields": .list(.any), "selfLink": .string,
    ])

    static let labelSelector: Shape = .obj([
        "matchLabels": .stringMap,
        "matchExpressions": .list(.obj(["key": .string, "operator": .string, "values": .stringList])),
    ])

    static let localObjectReference: Shape = .obj(["name": .string])

    static let objectReference: Shape = .obj([
        "kind": .string, "namespace": .string, "name": .string, "uid": .string, "apiVersion": .string,
        "resourceVersion": .string, "fieldPath": .string,
    ])

    static let keySelector: Shape = .obj(["name": .string, "key": .string, "optional": .boolean])
    static let fieldSelector: Shape = .obj(["apiVersion": .string, "fieldPath": .string])
    static let resourceFieldSelector: Shape = .obj(["containerName": .string, "resource": .string, "divisor": .quantity])

    static let envVar: Shape = .obj([
        "name": .string, "value": .string,
        "valueFrom": .obj([
            "fieldRef": fieldSelector, "resourceFieldRef": resourceFieldSelector,
            "configMapKeyRef": keySelector, "secretKeyRef": keySelector, "fileKeyRef": .any,
        ]),
    ])

    static let envFromSource: Shape = .obj([
        "prefix": .string,
        "configMapRef": .obj(["name": .string, "optional": .boolean]),
        "secretRef": .obj(["name": .string, "optional": .boolean]),
    ])

    static let resourceRequirements: Shape = .obj([
        "limits": .quantityMap, "requests": .quantityMap,
        "claims": .list(.obj(["name": .string, "request": .string])),
    ])

    static let httpGetAction: Shape = .obj([
        "path": .string, "port": .intOrString, "host": .string, "scheme": .string,
        "httpHeaders": .list(.obj(["name": .string, "value": .string])),
    ])
    static let tcpSocketAction: Shape = .obj(["port": .intOrString, "host": .string])
    static let execAction: Shape = .obj(["command": .stringList])

    static let probe: Shape = .obj([
        "exec": execAction, "httpGet": httpGetAction, "tcpSocket": tcpSocketAction,
        "grpc": .obj(["port": .integer, "service": .string]),
        "initialDelaySeconds": .integer, "timeoutSeconds": .integer, "periodSeconds": .integer,
        "successThreshold": .integer, "failureThreshold": .integer, "terminationGracePeriodSeconds": .integer,
    ])

    static let lifecycleHandler: Shape = .obj([
        "exec": execAction, "httpGet": httpGetAction, "tcpSocket": tcpSocketAction,
        "sleep": .obj(["seconds": .integer]),
    ])

    static let seLinuxOptions: Shape = .obj(["user": .string, "role": .string, "type": .string, "level": .string])
    static let windowsOptions: Shape = .obj([
        "gmsaCredentialSpecName": .string, "gmsaCredentialSpec": .string, "runAsUserName": .string, "hostProcess": .boolean,
    ])
    static let profile: Shape = .obj(["type": .string, "localhostProfile": .string])

    static let securityContext: Shape = .obj([
        "capabilities": .obj(["add": .stringList, "drop": .stringList]),
        "privileged": .boolean, "seLinuxOptions": seLinuxOptions, "windowsOptions": windowsOptions,
        "runAsUser": .integer, "runAsGroup": .integer, "runAsNonRoot": .boolean,
        "readOnlyRootFilesystem": .boolean, "allowPrivilegeEscalation": .boolean, "procMount": .string,
        "seccompProfile": profile, "appArmorProfile": profile,
    ])

    static let podSecurityContext: Shape = .obj([
        "seLinuxOptions": seLinuxOptions, "windowsOptions": windowsOptions, "runAsUser": .integer,
        "runAsGroup": .integer, "runAsNonRoot": .boolean, "supplementalGroups": .list(.integer),
        "supplementalGroupsPolicy": .string, "fsGroup": .integer,
        "sysctls": .list(.obj(["name": .string, "value": .string])),
        "fsGroupChangePolicy": .string, "seccompProfile": profile, "appArmorProfile": profile,
        "seLinuxChangePolicy": .string,
    ])

    static let container: Shape = .obj([
        "name": .string, "image": .string, "command": .stringList, "args": .stringList, "workingDir": .string,
        "ports": .list(.obj([
            "name": .string, "hostPort": .integer, "containerPort": .integer, "protocol": .string, "hostIP": .string,
        ])),
        "envFrom": .list(envFromSource), "env": .list(envVar), "resources": resourceRequirements,
        "resizePolicy": .list(.obj(["resourceName": .string, "restartPolicy": .string])),
        "restartPolicy": .string, "restartPolicyRules": .any,
        "volumeMounts": .list(.obj([
            "name": .string, "readOnly": .boolean, "recursiveReadOnly": .string, "mountPath": .string,
            "subPath": .string, "mountPropagation": .string, "subPathExpr": .string,
        ])),
        "volumeDevices": .list(.obj(["name": .string, "devicePath": .string])),
        "livenessProbe": probe, "readinessProbe": probe, "startupProbe": probe,
        "lifecycle": .obj(["postStart": lifecycleHandler, "preStop": lifecycleHandler, "stopSignal": .string]),
        "terminationMessagePath": .string, "terminationMessagePolicy": .string, "imagePullPolicy": .string,
        "securityContext": securityContext, "stdin": .boolean, "stdinOnce": .boolean, "tty": .boolean,
    ])

    static let keyToPath: Shape = .obj(["key": .string, "path": .string, "mode": .integer])
    static let downwardAPIFile: Shape = .obj([
        "path": .string, "fieldRef": fieldSelector, "resourceFieldRef": resourceFieldSelector, "mode": .integer,
    ])

    static let volume: Shape = .obj([
        "name": .string,
        "emptyDir": .obj(["medium": .string, "sizeLimit": .quantity]),
        "configMap": .obj(["name": .string, "items": .list(keyToPath), "defaultMode": .integer, "optional": .boolean]),
        "secret": .obj(["secretName": .string, "items": .list(keyToPath), "defaultMode": .integer, "optional": .boolean]),
        "hostPath": .obj(["path": .string, "type": .string]),
        "persistentVolumeClaim": .obj(["claimName": .string, "readOnly": .boolean]),
        "downwardAPI": .obj(["items": .list(downwardAPIFile), "defaultMode": .integer]),
        "projected": .obj([
            "defaultMode": .integer,
            "sources": .list(.obj([
                "configMap": .obj(["name": .string, "items": .list(keyToPath), "optional": .boolean]),
                "secret": .obj(["name": .string, "items": .list(keyToPath), "optional": .boolean]),
                "downwardAPI": .obj(["items": .list(downwardAPIFile)]),
                "serviceAccountToken": .obj(["audience": .string, "expirationSeconds": .integer, "path": .string]),
                "clusterTrustBundle": .any, "podCertificate": .any,
            ])),
        ]),
        "nfs": .obj(["server": .string, "path": .string, "readOnly": .boolean]),
        "csi": .obj([
            "driver": .string, "readOnly": .boolean, "fsType": .string, "volumeAttributes": .stringMap,
            "nodePublishSecretRef": localObjectReference,
        ]),
        "image": .obj(["reference": .string, "pullPolicy": .string]),
        "ephemeral": .any, "awsElasticBlockStore": .any, "gcePersistentDisk": .any, "gitRepo": .any,
        "iscsi": .any, "glusterfs": .any, "rbd": .any, "flexVolume": .any, "cinder": .any, "cephfs": .any,
        "flocker": .any, "fc": .any, "azureFile": .any, "azureDisk": .any, "vsphereVolume": .any,
        "quobyte": .any, "photonPersistentDisk": .any, "portworxVolume": .any, "scaleIO": .any, "storageos": .any,
    ])

    static let nodeSelectorRequirement: Shape = .obj(["key": .string, "operator": .string, "values": .stringList])
    static let nodeSelectorTerm: Shape = .obj([
        "matchExpressions": .list(nodeSelectorRequirement), "matchFields": .list(nodeSelectorRequirement),
    ])
    static let podAffinityTerm: Shape = .obj([
        "labelSelector": labelSelector, "namespaceSelector": labelSelector, "namespaces": .stringList,
        "topologyKey": .string, "matchLabelKeys": .stringList, "mismatchLabelKeys": .stringList,
    ])
    static let podAffinity: Shape = .obj([
        "requiredDuringSchedulingIgnoredDuringExecution": .list(podAffinityTerm),
        "preferredDuringSchedulingIgnoredDuringExecution": .list(.obj(["weight": .integer, "podAffinityTerm": podAffinityTerm])),
    ])
    static let affinity: Shape = .obj([
        "nodeAffinity": .obj([
            "requiredDuringSchedulingIgnoredDuringExecution": .obj(["nodeSelectorTerms": .list(nodeSelectorTerm)]),
            "preferredDuringSchedulingIgnoredDuringExecution": .list(.obj(["weight": .integer, "preference": nodeSelectorTerm])),
        ]),
        "podAffinity": podAffinity, "podAntiAffinity": podAffinity,
    ])

    static let toleration: Shape = .obj([
        "key": .string, "operator": .string, "value": .string, "effect": .string, "tolerationSeconds": .integer,
    ])

    static let topologySpreadConstraint: Shape = .obj([
        "maxSkew": .integer, "topologyKey": .string, "whenUnsatisfiable": .string, "labelSelector": labelSelector,
        "minDomains": .integer, "nodeAffinityPolicy": .string, "nodeTaintsPolicy": .string, "matchLabelKeys": .stringList,
    ])

    static let podSpec: Shape = .obj([
        "volumes": .list(volume), "initContainers": .list(container), "containers": .list(container),
        "ephemeralContainers": .list(.any), "restartPolicy": .string, "terminationGracePeriodSeconds": .integer,
        "activeDeadlineSeconds": .integer, "dnsPolicy": .string, "nodeSelector": .stringMap,
        "serviceAccountName": .string, "serviceAccount": .string, "automountServiceAccountToken": .boolean,
        "nodeName": .string, "hostNetwork": .boolean, "hostPID": .boolean, "hostIPC": .boolean,
        "shareProcessNamespace": .boolean, "securityContext": podSecurityContext,
        "imagePullSecrets": .list(localObjectReference), "hostname": .string, "subdomain": .string,
        "affinity": affinity, "schedulerName": .string, "tolerations": .list(toleration),
        "hostAliases": .list(.obj(["ip": .string, "hostnames": .stringList])),
        "priorityClassName": .string, "priority": .integer,
        "dnsConfig": .obj([
            "nameservers": .stringList, "searches": .stringList,
            "options": .list(.obj(["name": .string, "value": .string])),
        ]),
        "readinessGates": .list(.obj(["conditionType": .string])), "runtimeClassName": .string,
        "enableServiceLinks": .boolean, "preemptionPolicy": .string, "overhead": .quantityMap,
        "topologySpreadConstraints": .list(topologySpreadConstraint), "setHostnameAsFQDN": .boolean,
        "os": .obj(["name": .string]), "hostUsers": .boolean, "schedulingGates": .list(.obj(["name": .string])),
        "resourceClaims": .list(.obj(["name": .string, "resourceClaimName": .string, "resourceClaimTemplateName": .string])),
        "resources": resourceRequirements, "hostnameOverride": .string,
    ])

    static let podTemplateSpec: Shape = .obj(["metadata": objectMeta, "spec": podSpec])
}
