import ArgumentParser
import ControlPlane
import Controllers
import FoundationEssentials
import Resources
import Store

/// `berth node …`: the simulated nodes, their failures and their maintenance.
struct NodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "List the simulated nodes; fail, recover, cordon, uncordon or drain one.",
        discussion: """
            Changes are written to the store; the controllers act on them whenever they run (berth \
            reconcile, berth rollout status, or --wait here).

            Examples:
              berth node list
              berth node fail node-2 --wait --timeout 10m   # crash it and wait until its pods run elsewhere
              berth node recover node-2
              berth node drain node-1 --wait
            """,
        subcommands: [NodeListCommand.self, NodeFailCommand.self, NodeRecoverCommand.self, NodeCordonCommand.self,
                      NodeUncordonCommand.self, NodeDrainCommand.self]
    )
}

struct NodeListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Nodes with readiness, CPU and memory requested of allocatable, and pods.",
        discussion: "Example:\n  berth node list")

    @OptionGroup var state: StateOptions

    func run() throws {
        guard let store = try SQLiteStore.openExisting(directory: state.directory) else {
            Terminal.printError("No nodes yet: the cluster is created on the first berth reconcile (or berth cluster init).")
            return
        }
        let summaries = NodeOperations.summaries(in: ClusterView.store(store))
        guard !summaries.isEmpty else {
            Terminal.printError("No nodes yet: the cluster is created on the first berth reconcile (or berth cluster init).")
            return
        }
        var table = Table(["NAME", "STATUS", "ZONE", "CPU", "MEMORY", "PODS", "TAINTS", "AGE"])
        for node in summaries {
            table.append([
                node.name, node.status, node.zone,
                "\(node.requested.cpuMilli)m/\(node.allocatable.cpuMilli)m (\(percent(node.requested.cpuMilli, node.allocatable.cpuMilli)))",
                "\(mebibytes(node.requested.memoryBytes))/\(mebibytes(node.allocatable.memoryBytes)) (\(percent(node.requested.memoryBytes, node.allocatable.memoryBytes)))",
                "\(node.pods)/\(node.maxPods)", node.taints.isEmpty ? "<none>" : node.taints.joined(separator: ","),
                Age.since(node.created),
            ])
        }
        print(table.rendered)
    }

    private func percent(_ part: Int64, _ whole: Int64) -> String { whole > 0 ? "\(part * 100 / whole)%" : "-" }
    private func mebibytes(_ bytes: Int64) -> String { "\(bytes / (1024 * 1024))Mi" }
}

/// Shared by the commands that change one node.
struct NodeChangeOptions: ParsableArguments {
    @Argument(help: "The node's name.") var node: String
    @Flag(help: "Run the controllers until the cluster has settled after the change.") var wait = false
    @Option(help: ArgumentHelp("How long --wait waits.", valueName: "duration")) var timeout = DurationArgument(seconds: 600)
    @OptionGroup var state: StateOptions

    func store() throws -> SQLiteStore { try SQLiteStore.open(directory: state.directory) }

    /// Runs the controllers until `settled` holds; exit 3 if it does not within the timeout.
    func waitUntil(_ what: String, in store: SQLiteStore, _ settled: @escaping (ClusterView) -> Bool) throws {
        guard wait else { return }
        print("waiting until \(what) …")
        if try !Convergence(store: store).wait(timeout: timeout.seconds, until: settled) {
            Terminal.printError("not settled within \(timeout): \(what)")
            throw ExitCode(3)
        }
        print("done: \(what)")
    }

    /// Every Deployment healthy and no running workload pod left on the node.
    func workloadsMovedOff(_ view: ClusterView) -> Bool {
        let stranded = view.list(.pod).contains { pod in
            pod[path: ["spec", "nodeName"]]?.stringValue == node && !PodState.isTerminal(pod)
                && pod[path: ["metadata", "ownerReferences"]] != nil
        }
        return !stranded && view.list(.deployment).allSatisfy { Health.of($0).status <= .suspended }
    }
}

/// `node/node-1 cordoned`, or `node/node-1 already cordoned` when there was nothing to change.
func reportNodeChange(_ node: String, _ verb: String, changed: Bool) {
    print(changed ? "node/\(node) \(verb)" : "node/\(node) already \(verb)")
}

func reportingUnknownNodes(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as NodeOperations.UnknownNode {
        Terminal.printError("error: \(error)")
        throw ExitCode.failure
    }
}

struct NodeFailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fail",
        abstract: "Simulate a node crash: heartbeats and pod updates stop; after the grace period the node is Unknown, and its pods are evicted when their toleration runs out.",
        discussion: "Example:\n  berth node fail node-2 --wait --timeout 10m")
    @OptionGroup var options: NodeChangeOptions

    func run() throws {
        try reportingUnknownNodes {
            let store = try options.store()
            reportNodeChange(options.node, "failed", changed: try NodeOperations.fail(options.node, in: store))
            try options.waitUntil("the workloads of \(options.node) run on other nodes", in: store, options.workloadsMovedOff)
        }
    }
}

struct NodeRecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover", abstract: "End a simulated crash: the node heartbeats again and turns Ready.",
        discussion: "Example:\n  berth node recover node-2 --wait")
    @OptionGroup var options: NodeChangeOptions

    func run() throws {
        try reportingUnknownNodes {
            let store = try options.store()
            print(try NodeOperations.recover(options.node, in: store) ? "node/\(options.node) recovered" : "node/\(options.node) was not failed")
            let node = options.node
            try options.waitUntil("\(node) is Ready", in: store) { view in
                view.get(ObjectKey(group: "", kind: "Node", namespace: "", name: node)).map {
                    PodState.condition($0, "Ready")?["status"] == "True" && ($0[path: ["spec", "taints"]]?.arrayValue ?? []).allSatisfy {
                        $0["key"]?.stringValue?.hasPrefix("node.kubernetes.io/unreachable") != true
                    }
                } ?? false
            }
        }
    }
}

struct NodeCordonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cordon", abstract: "Mark a node unschedulable.", discussion: "Example:\n  berth node cordon node-1")
    @OptionGroup var options: NodeChangeOptions

    func run() throws {
        try reportingUnknownNodes {
            reportNodeChange(options.node, "cordoned", changed: try NodeOperations.cordon(options.node, in: try options.store()))
        }
    }
}

struct NodeUncordonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uncordon", abstract: "Mark a node schedulable again.", discussion: "Example:\n  berth node uncordon node-1")
    @OptionGroup var options: NodeChangeOptions

    func run() throws {
        try reportingUnknownNodes {
            reportNodeChange(options.node, "uncordoned", changed: try NodeOperations.uncordon(options.node, in: try options.store()))
        }
    }
}

struct NodeDrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drain",
        abstract: "Cordon a node and evict its pods (as kubectl drain --ignore-daemonsets --force); their controllers recreate them elsewhere.",
        discussion: "Example:\n  berth node drain node-1 --wait")
    @OptionGroup var options: NodeChangeOptions

    func run() throws {
        try reportingUnknownNodes {
            let store = try options.store()
            let (evicted, skipped) = try NodeOperations.drain(options.node, in: store)
            print("node/\(options.node) cordoned")
            for key in evicted { print("evicting pod \(key.namespace)/\(key.name)") }
            for (key, reason) in skipped { print("skipping pod \(key.namespace)/\(key.name): \(reason)") }
            print("node/\(options.node) drained")
            try options.waitUntil("the workloads of \(options.node) run on other nodes", in: store, options.workloadsMovedOff)
        }
    }
}
