import Resources

/// One address offering one port (nil: a headless service without ports), ready or not.
struct EndpointEntry {
    var address: Value
    var ready: Bool
    var port: Value?
}

/// `endpoints.RepackSubsets`: groups addresses by the exact set of ports they offer, so each
/// subset is {addresses, notReadyAddresses} × {ports}. An address that is not ready on a port is
/// not ready there even if another entry says ready ("not ready trumps ready").
///
/// Kubernetes then orders subsets and ports by a hash of their contents, an order that is stable but
/// means nothing to a reader; here addresses sort by IP text then pod uid (as Kubernetes' `LessEndpointAddress`), ports by name,
/// port and protocol, and subsets by their first port, then first address.
enum EndpointSubsets {
    struct AddressKey: Hashable, Comparable {
        var ip: String
        var uid: String

        static func < (a: AddressKey, b: AddressKey) -> Bool {
            (a.ip, a.uid) < (b.ip, b.uid)
        }
    }

    static func repack(_ entries: [EndpointEntry]) -> [Value] {
        var addresses: [AddressKey: Value] = [:]
        var portOrder: [Value?] = []
        var byPort: [Value?: [AddressKey: Bool]] = [:]
        for entry in entries {
            let key = AddressKey(
                ip: entry.address["ip"]?.stringValue ?? "", uid: entry.address[path: ["targetRef", "uid"]]?.stringValue ?? "")
            if addresses[key] == nil { addresses[key] = entry.address }
            if byPort[entry.port] == nil {
                byPort[entry.port] = [:]
                portOrder.append(entry.port)
            }
            if byPort[entry.port]![key] ?? true { byPort[entry.port]![key] = entry.ready }
        }
        // Group ports whose address sets (with readiness) are identical.
        var groups: [[AddressKey: Bool]: [Value]] = [:]
        var groupOrder: [[AddressKey: Bool]] = []
        for port in portOrder {
            let set = byPort[port]!
            if groups[set] == nil {
                groups[set] = []
                groupOrder.append(set)
            }
            if let port { groups[set]!.append(port) }
        }
        let subsets: [(ports: [Value], firstAddress: AddressKey?, value: Value)] = groupOrder.map { set in
            let keys = set.keys.sorted()
            let ports = groups[set]!.sorted(by: portLess)
            var fields: Fields = [:]
            let ready = keys.filter { set[$0]! }.map { addresses[$0]! }
            let notReady = keys.filter { !set[$0]! }.map { addresses[$0]! }
            if !ready.isEmpty { fields["addresses"] = .array(ready) }
            if !notReady.isEmpty { fields["notReadyAddresses"] = .array(notReady) }
            if !ports.isEmpty { fields["ports"] = .array(ports) }
            return (ports, keys.first, .object(fields))
        }
        return subsets.sorted { a, b in
            let pa = a.ports.first.map(portKey) ?? ("", -1, "")
            let pb = b.ports.first.map(portKey) ?? ("", -1, "")
            if pa != pb { return pa < pb }
            return (a.firstAddress.map { [$0] } ?? []).lexicographicallyPrecedes(b.firstAddress.map { [$0] } ?? [])
        }.map(\.value)
    }

    static func portKey(_ port: Value) -> (String, Int64, String) {
        (port["name"]?.stringValue ?? "", port["port"]?.intValue ?? 0, port["protocol"]?.stringValue ?? "")
    }

    static func portLess(_ a: Value, _ b: Value) -> Bool { portKey(a) < portKey(b) }
}
