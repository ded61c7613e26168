import ArgumentParser
import ControlPlane
import Controllers

/// `berth controllers`: the controller graph as data.
struct ControllersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controllers",
        abstract: "Print the controller graph: what each controller watches and what it writes.",
        discussion: """
            Examples:
              berth controllers
              berth controllers -o dot | dot -Tpng > controllers.png
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, dot }

    @Option(name: .shortAndLong, help: ArgumentHelp("Output format: text or dot (Graphviz).", valueName: "format"))
    var output: Format = .text

    func run() throws {
        let graph = ControllerGraph(try Cluster.controllers(ClusterConfiguration(), seed: 1))
        print(output == .dot ? graph.dot : graph.text, terminator: "")
    }
}
