import Controllers
import Resources
import Store

/// Cluster IPs from the configured range and node ports from 30000–32767, kept stable across
/// updates (what the API server's allocators do when a Service is written).
final class ServiceAllocationController: Controller {
    let name = "service-allocation"
    let watches: [Watch] = [.itself(.service)]
    let writes = ["Service (clusterIP, nodePort, load balancer address)"]
    let serviceCIDR: String
    let nodePorts: ClosedRange<Int64>

    init(serviceCIDR: String, nodePorts: ClosedRange<Int64>) {
        self.serviceCIDR = serviceCIDR
        self.nodePorts = nodePorts
    }

    func reconcile(_ key: ObjectKey, context: ControllerContext) throws -> ReconcileResult {
        guard let service = context.cache.get(key) else { return .done }
        // Every other Service, in no particular order: the allocators only collect what is taken.
        let others = (context.cache.values(.service) ?? [:].values).filter { $0.objectKey != key }
        var clusterIPs = try ClusterIPAllocator(range: serviceCIDR, services: others)
        var ports = try NodePortAllocator(range: nodePorts, services: others)
        var allocated: Value
        do {
            allocated = try ports.allocate(try clusterIPs.allocate(service))
        } catch {
            throw TerminalError("\(key): \(error)")  // a full range or a taken address: retrying cannot help
        }
        if allocated[path: ["spec", "type"]] == "LoadBalancer",
            (allocated[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? []).isEmpty
        {
            allocated[path: ["status", "loadBalancer"]] = ["ingress": [["ip": .string(loadBalancerAddress(for: key, in: others)), "ipMode": "VIP"]]]
        }
        guard allocated != service else { return .done }
        try context.write { tx in try tx.update(allocated, expectedResourceVersion: service.metaResourceVersion) }
        return .done
    }
}

extension ServiceAllocationController {
    /// The embedded cluster's load balancer, as MetalLB or `minikube tunnel` give one: an address from
    /// 198.51.100.0/24 (a range reserved for documentation, so it is plainly not a real one), the
    /// lowest that no other Service holds.
    func loadBalancerAddress(for key: ObjectKey, in others: [Value]) -> String {
        let taken = Set(others.flatMap { ($0[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue } })
        let free = (1...254).lazy.map { "198.51.100.\($0)" }.first { !taken.contains($0) }
        return free ?? "198.51.100.254"
    }
}

/// Kubernetes' endpoints controller: each Service's Endpoints from its selector and its pods'
/// readiness; ready pods in `addresses`, the rest in `notReadyAddresses`.
final class EndpointsController: Controller {
    let name = "endpoints"
    let watches: [Watch] = [
        .itself(.service),
        Watch(.endpoints, relation: "same name") { event, _ in
            [ObjectKey(group: "", kind: "Service", namespace: event.key.namespace, name: event.key.name)]
        },
        Watch(.pod, relation: "selected") { event, cache in
            // The Services that select the pod now, or did before the change moved its labels.
            let labels = [event.object, event.previous].compactMap { $0.map(PodState.labels) }
            return cache.list(.service, namespace: event.key.namespace).filter { service in
                labels.contains { EndpointsBuilder.selects(service, labels: $0) }
            }.compactMap(\.objectKey)
        },
    ]
    let writes = ["Endpoints"]

    func reconcile(_ key: ObjectKey, context: ControllerContext) throws -> ReconcileResult {
        let endpointsKey = ObjectKey(group: "", kind: "Endpoints", namespace: key.namespace, name: key.name)
        let existing = context.cache.get(endpointsKey)
        guard let service = context.cache.get(key) else {
            if let existing {  // as Kubernetes: a deleted Service takes its Endpoints with it
                try context.write { tx in try tx.delete(endpointsKey, expectedResourceVersion: existing.metaResourceVersion) }
            }
            return .done
        }
        guard let selector = EndpointsBuilder.selector(of: service) else { return .done }  // the Endpoints are someone else's
        // The pods it selects, in key order: sorting every pod of a large namespace would cost more.
        let pods = (context.cache.values(.pod) ?? [:].values).filter { pod in
            pod.metaNamespace == key.namespace && selector.matches(labels: PodState.labels(pod))
        }.sorted { $0.metaName < $1.metaName }
        guard let desired = EndpointsBuilder.endpoints(for: service, pods: pods) else { return .done }
        if let existing {
            var merged = existing
            merged["subsets"] = desired["subsets"]
            merged[path: ["metadata", "labels"]] = desired[path: ["metadata", "labels"]]
            guard merged != existing else { return .done }
            try context.write { tx in try tx.update(merged, expectedResourceVersion: existing.metaResourceVersion) }
        } else {
            try context.write { tx in try tx.create(desired) }
        }
        return .done
    }
}
