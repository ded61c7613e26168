import Foundation
import Resources
import Testing

@testable import Store

@Suite struct ObjectWriteTests {
    @Test func createdObjectIsReadBackWithServerFields() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            let created = try store.write { try $0.create(pod("web")) }
            #expect(created.resourceVersion == 2)  // revision 1 seeded the default namespace
            #expect(try store.get(podKey("web")) == created)
            let value = created.value
            #expect(metadata(value, "resourceVersion") == "2")
            #expect(metadata(value, "creationTimestamp") == "2026-12-01T05:55:22Z")
            #expect(metadata(value, "generation") == 1)
            let uid = try #require(metadata(value, "uid")?.stringValue)
            #expect(UUID(uuidString: uid) != nil && uid == uid.lowercased())
            #expect(value["spec"] == pod("web")["spec"])
            #expect(try store.get(podKey("absent")) == nil)
        }
    }

    @Test func manyObjectsAreCreatedInOrderAsOneByOne() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            let names = (0..<300).map { "web-\($0)" }
            let created = try store.write { try $0.create(names.map { pod($0) }) }
            #expect(created.map(\.key) == names.map { podKey($0) })
            #expect(Set(created.compactMap { metadata($0.value, "uid")?.stringValue }).count == names.count)
            for object in created {
                #expect(try store.get(object.key) == object)
                #expect(metadata(object.value, "resourceVersion") == "2")
                #expect(metadata(object.value, "creationTimestamp") == "2026-12-01T05:55:22Z")
            }
            // A key taken already, or given twice, refuses the whole write.
            #expect(throws: StoreError.alreadyExists(podKey("web-7"))) {
                try store.write { try $0.create([pod("new"), pod("web-7")]) }
            }
            #expect(throws: StoreError.alreadyExists(podKey("twice"))) {
                try store.write { try $0.create([pod("twice"), pod("other"), pod("twice")]) }
            }
            #expect(try store.get(podKey("new")) == nil)
            #expect(try store.get(podKey("other")) == nil)
            #expect(try store.revision() == 2)
        }
    }

    @Test func incomingServerFieldsAreIgnored() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            var forged = pod("web")
            forged[path: ["metadata", "uid"]] = "forged"
            forged[path: ["metadata", "resourceVersion"]] = "999"
            forged[path: ["metadata", "creationTimestamp"]] = "2001-01-01T00:00:00Z"
            forged[path: ["metadata", "generation"]] = 7
            var withoutSpec = configMap("settings")
            withoutSpec[path: ["metadata", "generation"]] = 3
            let (p, c) = try store.write { tx in (try tx.create(forged), try tx.create(withoutSpec)) }
            #expect(metadata(p.value, "uid") != "forged")
            #expect(metadata(p.value, "resourceVersion") == "2")
            #expect(metadata(p.value, "creationTimestamp") == "2026-12-01T05:55:22Z")
            #expect(metadata(p.value, "generation") == 1)
            #expect(metadata(c.value, "generation") == nil)
        }
    }

    @Test func updateKeepsIdentityAndBumpsGenerationOnlyOnSpecChange() throws {
        try withStateDirectory { dir in
            let clock = TestClock()
            let store = try openStore(dir, clock: clock)
            let first = try store.write { try $0.create(pod("web")) }
            clock.advance(seconds: 3600)

            var labelled = pod("web")
            labelled[path: ["metadata", "labels"]] = ["app": "web"]
            var withStatus = pod("web", image: "nginx:1.28")
            withStatus["status"] = ["phase": "Running"]
            // (write, expected generation, expected resourceVersion): labels leave the spec alone,
            // a new image changes it, status alone does not.
            let steps: [(Value, Int64, Int64)] = [
                (labelled, 1, 3), (pod("web", image: "nginx:1.28"), 2, 4), (withStatus, 2, 5),
            ]
            for (value, generation, resourceVersion) in steps {
                let updated = try store.write { try $0.update(value) }
                #expect(metadata(updated.value, "generation") == .int(generation))
                #expect(updated.resourceVersion == resourceVersion)
                #expect(metadata(updated.value, "resourceVersion") == .string(String(resourceVersion)))
                #expect(metadata(updated.value, "uid") == metadata(first.value, "uid"))
                #expect(metadata(updated.value, "creationTimestamp") == "2026-12-01T05:55:22Z")
            }
            let later = try store.write { try $0.create(pod("api")) }
            #expect(metadata(later.value, "creationTimestamp") == "2026-12-01T06:55:22Z")
        }
    }

    @Test func objectWithoutSpecNeverHasGeneration() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            try store.write { try $0.create(configMap("settings")) }
            let updated = try store.write { try $0.update(configMap("settings", data: ["k": "changed"])) }
            #expect(metadata(updated.value, "generation") == nil)
            #expect(updated.value["data"] == ["k": "changed"])
        }
    }

    @Test func updateThatChangesNothingWritesNothing() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            let created = try store.write { try $0.create(pod("web")) }
            let again = try store.write { try $0.update(pod("web"), expectedResourceVersion: 2) }
            #expect(again == created)
            #expect(try store.revision() == 2)
            #expect(try store.changes(after: 2).isEmpty)
        }
    }

    @Test func listSortsByNamespaceThenNameAndKeepsKindsApart() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            try store.write { tx in
                for (name, namespace) in [("b", "shop"), ("a", "shop"), ("z", "blog"), ("m", "default")] {
                    try tx.create(pod(name, namespace: namespace))
                }
                try tx.create(configMap("a", namespace: "shop"))
                try tx.create(["apiVersion": "apps/v1", "kind": "Pod", "metadata": ["name": "a", "namespace": "shop"]])
            }
            let all = try store.list(group: "", kind: "Pod")
            #expect(all.items.map(\.key) == [
                podKey("z", namespace: "blog"), podKey("m"), podKey("a", namespace: "shop"), podKey("b", namespace: "shop"),
            ])
            #expect(all.revision == 2)
            let shop = try store.list(group: "", kind: "Pod", namespace: "shop")
            #expect(shop.items.map(\.key.name) == ["a", "b"])
            #expect(try store.list(group: "apps", kind: "Pod").items.map(\.key.group) == ["apps"])
            #expect(try store.list(group: "", kind: "Pod", namespace: "empty").items.isEmpty)
        }
    }

    static let invalidObjects: [(Value, String)] = [
        (.string("not an object"), "expected a mapping, found a string"),
        (["kind": "Pod", "metadata": ["name": "x"]], "missing apiVersion"),
        (["apiVersion": "v1", "metadata": ["name": "x"]], "missing kind"),
        (["apiVersion": "v1", "kind": "Pod", "metadata": ["namespace": "x"]], "missing metadata.name"),
        (["apiVersion": "v1", "kind": "Pod", "metadata": ["name": ""]], "missing metadata.name"),
        (["apiVersion": "v1", "kind": "Pod", "metadata": "x"], "metadata must be a mapping"),
    ]

    @Test(arguments: invalidObjects)
    func invalidObjectsAreRefused(value: Value, reason: String) throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            let error = #expect(throws: StoreError.self) { try store.write { try $0.create(value) } }
            guard case .invalidObject(let message) = error else {
                Issue.record("expected invalidObject, got \(String(describing: error))")
                return
            }
            #expect(message.contains(reason))
            #expect(try store.revision() == 1)
        }
    }

    @Test func defaultNamespaceIsSeededAndCannotBeDeleted() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            let key = ObjectKey(group: "", kind: "Namespace", namespace: "", name: "default")
            let seeded = try #require(try store.get(key))
            #expect(seeded.resourceVersion == 1)
            #expect(metadata(seeded.value, "creationTimestamp") == "2026-12-01T05:55:22Z")
            #expect(try store.list(group: "", kind: "Namespace").items.map(\.key.name) == ["default"])
            #expect(throws: StoreError.forbidden(key, reason: "the default namespace always exists and cannot be deleted")) {
                try store.write { try $0.delete(key) }
            }
        }
    }

    @Test func deleteRemovesAndReturnsLastState() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            let created = try store.write { try $0.create(pod("web")) }
            let deleted = try store.write { try $0.delete(podKey("web"), expectedResourceVersion: 2) }
            #expect(deleted == created)
            #expect(try store.get(podKey("web")) == nil)
            #expect(try store.revision() == 3)
            #expect(throws: StoreError.notFound(podKey("web"))) { try store.write { try $0.delete(podKey("web")) } }
        }
    }
}

@Suite struct UIDTests {
    @Test func uidsAreDistinctVersion4UUIDsInLowerCase() {
        let uids = ServerFields.uids(5_000)
        #expect(uids.count == 5_000)
        #expect(Set(uids).count == uids.count)
        for uid in uids {
            let parsed = UUID(uuidString: uid)
            #expect(parsed != nil && uid == uid.lowercased())
            let characters = Array(uid)
            #expect(characters[14] == "4")  // version
            #expect("89ab".contains(characters[19]))  // variant
        }
        #expect(ServerFields.uids(0).isEmpty)
    }
}
