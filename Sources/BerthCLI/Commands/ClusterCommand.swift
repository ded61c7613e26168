import ArgumentParser
import ControlPlane
import FoundationEssentials
import Manifests
import Store

/// `berth cluster`: the shape and speed of the embedded cluster.
struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Configure the embedded cluster: its simulated nodes and how fast they move.",
        discussion: "Examples:\n  berth cluster init --nodes 5 --cpu 8 --memory 16Gi\n  berth cluster show",
        subcommands: [ClusterInitCommand.self, ClusterShowCommand.self]
    )
}

struct ClusterInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Store a cluster configuration and create its nodes.",
        discussion: """
            A fresh state needs no set-up: it gets 3 nodes of 4 CPU, 8Gi and 110 pods in zones a, b \
            and c, Kubernetes' node timings (heartbeats every 10s, Unknown after 50s, eviction after \
            300s) and pods that start in about 3s. Flags left out keep those defaults. With --replace, \
            the current nodes (and the pods bound to them) are replaced by the configured ones.

            Examples:
              berth cluster init --nodes 5 --cpu 8 --memory 16Gi
              berth cluster init --node-grace 5s --toleration 10s --pod-start 0s --replace
              berth cluster init --scoring MostAllocated     # bin packing instead of spreading
            """
    )

    @Option(help: "Number of simulated nodes.") var nodes: Int?
    @Option(help: "CPU of each node (a quantity: 4, 3500m).") var cpu: String?
    @Option(help: "Memory of each node (a quantity: 8Gi).") var memory: String?
    @Option(help: "Pods each node takes.") var maxPods: Int64?
    @Option(help: ArgumentHelp("Zones, comma-separated; nodes are spread over them.", valueName: "a,b,c")) var zones: String?
    @Option(help: ArgumentHelp("LeastAllocated (spread) or MostAllocated (bin packing).", valueName: "strategy")) var scoring: String?
    @Option(help: ArgumentHelp("Delay before a node agent takes a bound pod.", valueName: "duration")) var podAccept: DurationArgument?
    @Option(help: ArgumentHelp("Image pull and container start time.", valueName: "duration")) var podStart: DurationArgument?
    @Option(help: ArgumentHelp("Node heartbeat interval.", valueName: "duration")) var heartbeat: DurationArgument?
    @Option(help: ArgumentHelp("Time without heartbeats before a node is Unknown.", valueName: "duration")) var nodeGrace: DurationArgument?
    @Option(help: ArgumentHelp("How long pods tolerate an unreachable node.", valueName: "duration")) var toleration: DurationArgument?
    @Flag(help: "Replace the existing nodes with the configured ones.") var replace = false
    @OptionGroup var state: StateOptions

    func run() throws {
        do {
            let store = try SQLiteStore.open(directory: state.directory)
            var configuration = try Cluster.configuration(in: store)
            if let nodes { configuration.nodeCount = nodes }
            if let cpu { configuration.nodeCPU = cpu }
            if let memory { configuration.nodeMemory = memory }
            if let maxPods { configuration.nodeMaxPods = maxPods }
            if let zones { configuration.zones = zones.split(separator: ",").map(String.init) }
            if let scoring { configuration.scoring = scoring }
            if let podAccept { configuration.podAcceptDelay = podAccept.seconds }
            if let podStart { configuration.containerStartDelay = podStart.seconds }
            if let heartbeat { configuration.heartbeatInterval = heartbeat.seconds }
            if let nodeGrace { configuration.nodeMonitorGracePeriod = nodeGrace.seconds }
            if let toleration { configuration.defaultTolerationSeconds = Int64(toleration.seconds.rounded()) }
            try Cluster.initialize(store: store, configuration: configuration, replaceNodes: replace, now: Date())
            print("cluster configured: \(configuration.nodeCount) nodes of \(configuration.nodeCPU) CPU, \(configuration.nodeMemory)"
                + (replace ? " (nodes replaced)" : ""))
        } catch let error as ConfigurationError {
            Terminal.printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}

struct ClusterShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print the cluster configuration in force, as YAML.",
        discussion: "Example:\n  berth cluster show")

    @OptionGroup var state: StateOptions

    func run() throws {
        let store = try SQLiteStore.openExisting(directory: state.directory)
        let configuration = try store.map(Cluster.configuration(in:)) ?? ClusterConfiguration()
        print(YAMLEmitter.emit(configuration.value), terminator: "")
    }
}
