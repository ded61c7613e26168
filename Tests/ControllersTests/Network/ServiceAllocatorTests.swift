import Testing

@testable import Controllers
@testable import Resources

@Suite struct ClusterIPAllocatorTests {
    static func service(_ name: String, ip: String? = nil, namespace: String = "default", type: String = "ClusterIP") -> Value {
        var spec: Fields = ["type": .string(type), "ports": [["port": 80]]]
        if let ip { spec["clusterIP"] = .string(ip) }
        return ["metadata": ["name": .string(name), "namespace": .string(namespace)], "spec": .object(spec)]
    }

    // 10.96.0.0 is the network, 10.96.0.1 is kept for default/kubernetes; .2 is taken by "a".
    @Test func allocatesLowestFreeAfterTheReservedFirst() throws {
        var allocator = try ClusterIPAllocator(services: [Self.service("a", ip: "10.96.0.2")])
        let b = try allocator.allocate(Self.service("b"))
        #expect(b[path: ["spec", "clusterIP"]] == "10.96.0.3")
        #expect(b[path: ["spec", "clusterIPs"]] == ["10.96.0.3"])
        #expect(b[path: ["spec", "ipFamilies"]] == ["IPv4"])
        #expect(b[path: ["spec", "ipFamilyPolicy"]] == "SingleStack")
        #expect(try allocator.allocate(Self.service("kubernetes"))[path: ["spec", "clusterIP"]] == "10.96.0.1")
        #expect(try allocator.allocate(Self.service("c"))[path: ["spec", "clusterIP"]] == "10.96.0.4")
    }

    @Test func keepsARequestedOrPreviousIP() throws {
        var allocator = try ClusterIPAllocator(services: [Self.service("a", ip: "10.96.5.5")])
        #expect(try allocator.allocate(Self.service("a", ip: "10.96.5.5"))[path: ["spec", "clusterIP"]] == "10.96.5.5")
        #expect(try allocator.allocate(Self.service("a"), previous: Self.service("a", ip: "10.96.5.5"))[path: ["spec", "clusterIP"]] == "10.96.5.5")
        #expect(try allocator.allocate(Self.service("b", ip: "10.96.9.9"))[path: ["spec", "clusterIP"]] == "10.96.9.9")
    }

    @Test func headlessAndExternalName() throws {
        var allocator = try ClusterIPAllocator(services: [])
        let headless = try allocator.allocate(Self.service("h", ip: "None"))
        #expect(headless[path: ["spec", "clusterIP"]] == "None")
        #expect(headless[path: ["spec", "clusterIPs"]] == ["None"])
        let external = Self.service("e", type: "ExternalName")
        #expect(try allocator.allocate(external) == external)
    }

    @Test func refusesTakenOutOfRangeAndFull() throws {
        var allocator = try ClusterIPAllocator(services: [Self.service("a", ip: "10.96.0.7")])
        #expect(throws: ServiceAllocationError.self) { try allocator.allocate(Self.service("b", ip: "10.96.0.7")) }
        #expect(throws: ServiceAllocationError.self) { try allocator.allocate(Self.service("b", ip: "192.168.0.1")) }
        // A /29 holds 8 addresses: network, reserved .1, broadcast — 5 for services.
        var small = try ClusterIPAllocator(range: "10.0.0.0/29", services: [])
        for i in 0..<5 { #expect(try small.allocate(Self.service("s\(i)"))[path: ["spec", "clusterIP"]] == .string("10.0.0.\(i + 2)")) }
        #expect(throws: ServiceAllocationError.self) { try small.allocate(Self.service("s5")) }
        #expect(throws: AllocatorRangeError.self) { try ClusterIPAllocator(range: "10.96.0.1/12", services: []) }
    }
}

@Suite struct NodePortAllocatorTests {
    static func service(_ name: String, type: String = "NodePort", ports: [Value]) -> Value {
        ["metadata": ["name": .string(name), "namespace": "default"], "spec": ["type": .string(type), "ports": .array(ports)]]
    }

    static func nodePorts(_ service: Value) -> [Int64] {
        (service[path: ["spec", "ports"]]?.arrayValue ?? []).compactMap { $0["nodePort"]?.intValue }
    }

    @Test func allocatesLowestFreeAndKeepsExisting() throws {
        var allocator = try NodePortAllocator(services: [Self.service("a", ports: [["port": 80, "nodePort": 30000]])])
        let b = try allocator.allocate(Self.service("b", ports: [["name": "http", "port": 80], ["name": "https", "port": 443, "nodePort": 31443]]))
        #expect(Self.nodePorts(b) == [30001, 31443])
        let kept = try allocator.allocate(Self.service("a", ports: [["port": 80]]), previous: Self.service("a", ports: [["port": 80, "nodePort": 30000]]))
        #expect(Self.nodePorts(kept) == [30000])
    }

    @Test func sameNumberDifferentProtocolsShareANodePort() throws {
        var allocator = try NodePortAllocator(services: [])
        let dns = try allocator.allocate(Self.service("dns", ports: [["name": "tcp", "port": 53, "protocol": "TCP"], ["name": "udp", "port": 53, "protocol": "UDP"]]))
        #expect(Self.nodePorts(dns) == [30000, 30000])
    }

    @Test func onlyNodePortAndLoadBalancer() throws {
        var allocator = try NodePortAllocator(services: [])
        let clusterIP = Self.service("c", type: "ClusterIP", ports: [["port": 80]])
        #expect(try allocator.allocate(clusterIP) == clusterIP)
        var lb = Self.service("lb", type: "LoadBalancer", ports: [["port": 80]])
        #expect(Self.nodePorts(try allocator.allocate(lb)) == [30000])
        lb[path: ["spec", "allocateLoadBalancerNodePorts"]] = false
        #expect(Self.nodePorts(try allocator.allocate(lb)).isEmpty)
    }

    @Test func refusesDuplicatesOutOfRangeAndFull() throws {
        var allocator = try NodePortAllocator(services: [Self.service("a", ports: [["port": 80, "nodePort": 30080]])])
        #expect(throws: ServiceAllocationError.self) { try allocator.allocate(Self.service("b", ports: [["port": 80, "nodePort": 30080]])) }
        #expect(throws: ServiceAllocationError.self) { try allocator.allocate(Self.service("b", ports: [["port": 80, "nodePort": 8080]])) }
        #expect(throws: ServiceAllocationError.self) {
            try allocator.allocate(Self.service("b", ports: [["name": "x", "port": 80, "nodePort": 30100], ["name": "y", "port": 81, "nodePort": 30100]]))
        }
        // The refused service claimed nothing: 30100 is still free.
        #expect(Self.nodePorts(try allocator.allocate(Self.service("c", ports: [["port": 80, "nodePort": 30100]]))) == [30100])
        var tiny = try NodePortAllocator(range: 30000...30001, services: [])
        #expect(Self.nodePorts(try tiny.allocate(Self.service("s", ports: [["name": "a", "port": 1], ["name": "b", "port": 2]]))) == [30000, 30001])
        #expect(throws: ServiceAllocationError.self) { try tiny.allocate(Self.service("t", ports: [["port": 3]])) }
    }
}
