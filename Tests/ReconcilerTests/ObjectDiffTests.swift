import Resources
import Testing

@testable import Reconciler

/// The field diff a reviewer reads: changed fields in YAML with their parents as context.
@Suite struct ObjectDiffTests {
    func render(_ old: Value?, _ new: Value?) -> String {
        ObjectDiff(old: old, new: new).text
    }

    @Test func scalarChangeWithItsParents() {
        let old: Value = ["spec": ["replicas": 3, "paused": false]]
        let new: Value = ["spec": ["replicas": 5, "paused": false]]
        #expect(render(old, new) == """
              spec:
            -   replicas: 3
            +   replicas: 5
            """)
    }

    @Test func keyedListItemsAreNamedByKey() {
        let old: Value = ["containers": [["name": "web", "image": "nginx:1.27"], ["name": "log", "image": "fluent:1"]]]
        let new: Value = ["containers": [["name": "web", "image": "nginx:1.28"], ["name": "log", "image": "fluent:1"]]]
        #expect(render(old, new) == """
              containers:
              - name: web
            -   image: nginx:1.27
            +   image: nginx:1.28
            """)
    }

    @Test func addedAndRemovedFieldsAndItems() {
        let old: Value = ["data": ["a": "1", "gone": "x"], "ports": [["port": 80], ["port": 81]]]
        let new: Value = ["data": ["a": "1", "b": "yes"], "ports": [["port": 80], ["port": 82, "name": "new"]]]
        #expect(render(old, new) == """
              data:
            +   b: "yes"
            -   gone: x
              ports:
            + - port: 82
            +   name: new
            - - port: 81
            """)
    }

    @Test func unkeyedListsShowWhole() {
        let old: Value = ["args": ["--a"]]
        let new: Value = ["args": ["--a", "--b"]]
        #expect(render(old, new) == """
            - args:
            - - --a
            + args:
            + - --a
            + - --b
            """)
    }

    @Test func wholeObjectsForCreateAndDelete() {
        let object: Value = ["kind": "ConfigMap", "data": ["k": "v"]]
        #expect(render(nil, object) == "+ kind: ConfigMap\n+ data:\n+   k: v")
        #expect(render(object, nil) == "- kind: ConfigMap\n- data:\n-   k: v")
        #expect(render(object, object) == "")
    }

    @Test func everyLineOfABlockKeepsItsMarker() {
        let poem: Value = ["data": ["poem": "one\n\ntwo\n"]]
        #expect(render(nil, poem) == "+ data:\n+   poem: |\n+     one\n+ \n+     two")
        let old: Value = ["metadata": ["name": "web"]]
        let new: Value = ["metadata": ["name": "web", "labels": ["app": "web"]], "spec": ["ports": [["port": 80, "name": "http"]]]]
        #expect(render(old, new) == """
              metadata:
            +   labels:
            +     app: web
            + spec:
            +   ports:
            +   - port: 80
            +     name: http
            """)
    }
}
