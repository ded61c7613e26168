import Testing

@testable import Controllers
@testable import Resources

@Suite struct EndpointsBuilderTests {
    static func service(ports: [Value] = [["name": "http", "port": 80, "targetPort": 8080, "protocol": "TCP"]], publish: Bool = false) -> Value {
        var spec: Fields = ["selector": ["app": "web"], "ports": .array(ports), "clusterIP": "10.96.0.10"]
        if publish { spec["publishNotReadyAddresses"] = true }
        return ["apiVersion": "v1", "kind": "Service", "metadata": ["name": "web", "namespace": "shop", "labels": ["team": "a"]], "spec": .object(spec)]
    }

    static func pod(
        _ name: String, ip: String?, ready: Bool = true, namespace: String = "shop", app: String = "web", phase: String = "Running",
        ports: [Value] = [["name": "http", "containerPort": 8080, "protocol": "TCP"]]
    ) -> Value {
        var status: Fields = ["phase": .string(phase), "conditions": [["type": "Ready", "status": ready ? "True" : "False"]]]
        if let ip { status["podIP"] = .string(ip) }
        return [
            "metadata": ["name": .string(name), "namespace": .string(namespace), "uid": .string("u-\(name)"), "labels": ["app": .string(app)]],
            "spec": ["nodeName": "node-1", "containers": [["name": "app", "ports": .array(ports)]]],
            "status": .object(status),
        ]
    }

    static func address(_ name: String, _ ip: String) -> Value {
        ["ip": .string(ip), "nodeName": "node-1", "targetRef": ["kind": "Pod", "namespace": "shop", "name": .string(name), "uid": .string("u-\(name)")]]
    }

    @Test func readyAndNotReadySplitAndForeignPodsIgnored() {
        let pods = [
            Self.pod("b", ip: "10.244.1.3"), Self.pod("a", ip: "10.244.1.2"), Self.pod("c", ip: "10.244.1.4", ready: false),
            Self.pod("no-ip", ip: nil), Self.pod("done", ip: "10.244.1.5", phase: "Succeeded"),
            Self.pod("other-ns", ip: "10.244.1.6", namespace: "dev"), Self.pod("other-app", ip: "10.244.1.7", app: "db"),
        ]
        let endpoints = EndpointsBuilder.endpoints(for: Self.service(), pods: pods)
        #expect(endpoints?[path: ["metadata", "name"]] == "web")
        #expect(endpoints?[path: ["metadata", "namespace"]] == "shop")
        #expect(endpoints?[path: ["metadata", "labels"]] == ["team": "a"])
        #expect(endpoints?["subsets"] == [[
            "addresses": [Self.address("a", "10.244.1.2"), Self.address("b", "10.244.1.3")],
            "notReadyAddresses": [Self.address("c", "10.244.1.4")],
            "ports": [["name": "http", "port": 8080, "protocol": "TCP"]],
        ]])
    }

    @Test func publishNotReadyAddressesPutsAllInAddresses() {
        let endpoints = EndpointsBuilder.endpoints(for: Self.service(publish: true), pods: [Self.pod("c", ip: "10.244.1.4", ready: false)])
        #expect(endpoints?[path: ["subsets"]]?.arrayValue?.first?["addresses"] == [Self.address("c", "10.244.1.4")])
    }

    // Named targetPort "metrics": pod a has it as 9090, pod b does not, so b offers only http. The
    // two port sets differ, giving two subsets: {a} × {http, metrics} and {b} × {http}.
    @Test func namedTargetPortsAndMultiplePorts() {
        let ports: [Value] = [
            ["name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"],
            ["name": "metrics", "port": 9000, "targetPort": "metrics", "protocol": "TCP"],
        ]
        let a = Self.pod("a", ip: "10.244.1.2", ports: [["name": "http", "containerPort": 8080, "protocol": "TCP"], ["name": "metrics", "containerPort": 9090, "protocol": "TCP"]])
        let b = Self.pod("b", ip: "10.244.1.3", ports: [["name": "http", "containerPort": 8081, "protocol": "TCP"]])
        let subsets = EndpointsBuilder.endpoints(for: Self.service(ports: ports), pods: [b, a])?["subsets"]?.arrayValue ?? []
        #expect(subsets.count == 2)
        #expect(subsets.first == [
            "addresses": [Self.address("a", "10.244.1.2")],
            "ports": [["name": "http", "port": 8080, "protocol": "TCP"], ["name": "metrics", "port": 9090, "protocol": "TCP"]],
        ])
        #expect(subsets.last == ["addresses": [Self.address("b", "10.244.1.3")], "ports": [["name": "http", "port": 8081, "protocol": "TCP"]]])
    }

    @Test func namedPortMustMatchProtocol() {
        let ports: [Value] = [["name": "dns", "port": 53, "targetPort": "dns", "protocol": "UDP"]]
        let pod = Self.pod("a", ip: "10.244.1.2", ports: [["name": "dns", "containerPort": 5353, "protocol": "TCP"]])
        #expect(EndpointsBuilder.endpoints(for: Self.service(ports: ports), pods: [pod])?["subsets"] == nil)
    }

    @Test func sidecarPortsResolveToo() {
        var pod = Self.pod("a", ip: "10.244.1.2", ports: [])
        pod[path: ["spec", "initContainers"]] = [["name": "proxy", "restartPolicy": "Always", "ports": [["name": "http", "containerPort": 15001, "protocol": "TCP"]]]]
        let ports: [Value] = [["name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"]]
        let subsets = EndpointsBuilder.endpoints(for: Self.service(ports: ports), pods: [pod])?["subsets"]
        #expect(subsets?.arrayValue?.first?["ports"] == [["name": "http", "port": 15001, "protocol": "TCP"]])
    }

    @Test func serviceWithoutSelectorIsLeftAlone() {
        var service = Self.service()
        service[path: ["spec", "selector"]] = nil
        #expect(EndpointsBuilder.endpoints(for: service, pods: [Self.pod("a", ip: "10.244.1.2")]) == nil)
        service[path: ["spec", "selector"]] = .emptyObject
        #expect(EndpointsBuilder.endpoints(for: service, pods: [Self.pod("a", ip: "10.244.1.2")]) == nil)
    }

    @Test func headlessWithoutPortsListsAddresses() {
        var service = Self.service(ports: [])
        service[path: ["spec", "clusterIP"]] = "None"
        let endpoints = EndpointsBuilder.endpoints(for: service, pods: [Self.pod("a", ip: "10.244.1.2")])
        #expect(endpoints?[path: ["metadata", "labels", "service.kubernetes.io/headless"]] == "")
        #expect(endpoints?["subsets"] == [["addresses": [Self.address("a", "10.244.1.2")]]])
    }

    @Test func noMatchingPodsGiveNoSubsets() {
        let endpoints = EndpointsBuilder.endpoints(for: Self.service(), pods: [])
        #expect(endpoints != nil)
        #expect(endpoints?["subsets"] == nil)
    }
}
