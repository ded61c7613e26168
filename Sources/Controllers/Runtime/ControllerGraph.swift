/// The graph of controllers as data: who watches what, who writes what. `berth controllers`
/// prints it as a table or as Graphviz DOT.
public struct ControllerGraph: Sendable {
    public struct Node: Sendable, Hashable {
        public var controller: String
        /// (kind, relation): "Pod (owner)" wakes the owner of a changed Pod.
        public var watches: [String]
        public var writes: [String]
    }

    public var nodes: [Node]

    public init(_ controllers: [any Controller]) {
        nodes = controllers.map { controller in
            Node(
                controller: controller.name,
                watches: controller.watches.map { "\($0.kind.kind) (\($0.relation))" },
                writes: controller.writes)
        }
    }

    public var text: String {
        let width = (nodes.map(\.controller.count).max() ?? 0) + 3
        var out = ""
        for node in nodes {
            let pad = String(repeating: " ", count: width - node.controller.count)
            out += "\(node.controller)\(pad)watches  \(node.watches.joined(separator: ", "))\n"
            out += String(repeating: " ", count: width) + "writes   \(node.writes.joined(separator: ", "))\n"
        }
        return out
    }

    /// Kinds as boxes, controllers as ellipses; an edge from a kind to each controller watching it,
    /// from each controller to each kind it writes.
    public var dot: String {
        var out = "digraph berth {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n"
        var kinds = Set<String>()
        for node in nodes {
            for watch in node.watches { kinds.insert(String(watch.prefix { $0 != " " })) }
            for write in node.writes { kinds.insert(String(write.prefix { $0 != "/" && $0 != " " })) }
        }
        for kind in kinds.sorted() { out += "  \"\(kind)\" [shape=box];\n" }
        for node in nodes {
            out += "  \"\(node.controller)\" [shape=ellipse, style=filled, fillcolor=\"#dde8f8\"];\n"
            for watch in node.watches {
                let kind = String(watch.prefix { $0 != " " })
                let relation = watch.drop { $0 != "(" }.dropFirst().dropLast()
                out += "  \"\(kind)\" -> \"\(node.controller)\" [label=\"\(relation)\", style=dashed];\n"
            }
            for write in node.writes {
                let kind = String(write.prefix { $0 != "/" && $0 != " " })
                out += "  \"\(node.controller)\" -> \"\(kind)\";\n"
            }
        }
        return out + "}\n"
    }
}
