import Testing
@testable import Resources

@Suite struct KindRegistryTests {
    @Test(arguments: [
        ("deploy", "Deployment"), ("deployments", "Deployment"), ("Deployment", "Deployment"),
        ("deployments.apps", "Deployment"), ("deployment.v1.apps", "Deployment"), ("DEPLOY", "Deployment"),
        ("po", "Pod"), ("rs", "ReplicaSet"), ("svc", "Service"), ("ep", "Endpoints"), ("cm", "ConfigMap"),
        ("ns", "Namespace"), ("no", "Node"), ("sa", "ServiceAccount"), ("secrets", "Secret"),
    ])
    func looksUpNamesKubectlAccepts(name: String, kind: String) {
        #expect(KindRegistry.builtIn.lookup(name)?.kind == kind)
    }

    @Test func unknownNamesAndGroups() {
        #expect(KindRegistry.builtIn.lookup("widgets") == nil)
        #expect(KindRegistry.builtIn.lookup("pods.apps") == nil)
        #expect(KindRegistry.builtIn.info(apiVersion: "example.com/v1", kind: "Deployment") == nil)
        #expect(KindRegistry.builtIn.info(apiVersion: "extensions/v1beta1", kind: "Deployment")?.apiVersion == "apps/v1")
    }

    @Test func scopes() {
        let registry = KindRegistry.builtIn
        #expect(!registry.isNamespaced(apiVersion: "v1", kind: "Namespace"))
        #expect(!registry.isNamespaced(apiVersion: "v1", kind: "Node"))
        #expect(registry.isNamespaced(apiVersion: "v1", kind: "Pod"))
        #expect(registry.isNamespaced(apiVersion: "example.com/v1", kind: "Widget"))
        #expect(registry.lookup("deploy")?.group == "apps")
        #expect(registry.lookup("svc")?.version == "v1")
    }
}
