import ArgumentParser

/// The `berth` command tree.
public struct Berth: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "berth",
        abstract: "A declarative GitOps reconciler with its own small Kubernetes-style control plane.",
        version: "0.1.0",
        subcommands: []
    )

    public init() {}
}
