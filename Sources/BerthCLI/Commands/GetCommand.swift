import ArgumentParser
import FoundationEssentials
import Manifests
import Reconciler
import Resources
import Store

/// `berth get`: what the store holds, as kubectl shows it.
struct GetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show stored objects as a table, or whole as YAML or JSON.",
        discussion: """
            Kinds by plural, singular or short name as kubectl accepts them: pods (po), deployments \
            (deploy), replicasets (rs), services (svc), endpoints (ep), configmaps (cm), secrets, \
            namespaces (ns), nodes (no), serviceaccounts (sa). Secret values are always shown as ***.

            Examples:
              berth get deployments -n shop
              berth get deploy web -n shop -o yaml
              berth get services -A -o wide
            """
    )

    @Argument(help: ArgumentHelp("The kind: plural, singular or short name.", valueName: "kind"))
    var kind: String

    @Argument(help: ArgumentHelp("One object's name.", valueName: "name"))
    var name: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The namespace (default: default).", valueName: "ns"))
    var namespace: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List across all namespaces.")
    var allNamespaces = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Output format: wide, yaml or json (default: a table).", valueName: "format"))
    var output: OutputFormat = .text

    @OptionGroup var state: StateOptions

    func validate() throws {
        if allNamespaces && namespace != nil { throw ValidationError("-n and -A exclude each other") }
        if allNamespaces && name != nil { throw ValidationError("a name cannot be looked up across all namespaces (-A)") }
    }

    /// A kind berth has no schema for, found among the stored objects: `widgets`, `widget`,
    /// `Widget`, or `widgets.example.com`.
    private func storedKind(_ name: String) throws -> KindInfo? {
        guard let store = try SQLiteStore.openExisting(directory: state.directory) else { return nil }
        let wanted = name.lowercased()
        for stored in try store.kinds() {
            let singular = stored.kind.lowercased()
            let plural = singular.hasSuffix("s") ? singular + "es" : singular + "s"
            let names = [singular, plural] + (stored.group.isEmpty ? [] : [plural + "." + stored.group, singular + "." + stored.group])
            guard names.contains(wanted) else { continue }
            let objects = try store.list(group: stored.group, kind: stored.kind).items
            let namespaced = !objects.contains { $0.key.namespace.isEmpty }
            let apiVersion = objects.first?.value["apiVersion"]?.stringValue
            return KindInfo(
                apiVersion: apiVersion ?? stored.group, kind: stored.kind, plural: plural, singular: singular, shortNames: [],
                isNamespaced: namespaced)
        }
        return nil
    }

    func run() throws {
        guard let info = try KindRegistry.builtIn.lookup(kind) ?? storedKind(kind) else {
            Terminal.printError("error: the server doesn't have a resource type \"\(kind)\"")
            Terminal.printError("hint: kinds are pods (po), deployments (deploy), replicasets (rs), services (svc), endpoints (ep), configmaps (cm), secrets, namespaces (ns), nodes (no), serviceaccounts (sa)")
            throw ExitCode.failure
        }
        let scope: String? = info.isNamespaced ? (allNamespaces ? nil : (namespace ?? "default")) : ""
        let objects: [Value]
        do {
            let store = try SQLiteStore.openExisting(directory: state.directory)
            let listed = try store?.list(group: info.group, kind: info.kind, namespace: scope).items ?? []
            objects = listed.map(\.value).filter { name == nil || $0[path: ["metadata", "name"]]?.stringValue == name }
        } catch {
            Terminal.printError("error: \(error)")
            throw ExitCode.failure
        }

        if let name, objects.isEmpty {
            Terminal.printError("Error from server (NotFound): \(info.plural)\(info.group.isEmpty ? "" : ".\(info.group)") \"\(name)\" not found")
            throw ExitCode.failure
        }
        let shown = objects.map(SecretMask.masked)
        switch output {
        case .json, .yaml:
            let value: Value = name != nil ? shown[0] : ["apiVersion": "v1", "kind": "List", "items": .array(shown)]
            print(output == .json ? value.jsonString(pretty: true) : YAMLEmitter.emit(value), terminator: output == .json ? "\n" : "")
        case .text, .wide:
            guard !objects.isEmpty else {
                let place = scope.map { $0.isEmpty ? "" : " in \($0) namespace" } ?? ""
                Terminal.printError("No resources found\(place).")
                return
            }
            var table = ResourceTable.table(for: info.kind, objects: objects, wide: output == .wide, now: Date())
            if scope == nil { table = ResourceTable.withNamespaceColumn(table, objects: objects) }
            print(table.rendered)
        }
    }
}
