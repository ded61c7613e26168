import Resources
import Testing

@testable import Reconciler

/// The three-way merge of `kubectl apply`, case by case.
@Suite struct ApplyMergeTests {
    @Test func nothingLiveMeansDesired() {
        let desired: Value = ["spec": ["replicas": 2]]
        #expect(ApplyMerge.merge(live: nil, lastApplied: nil, desired: desired) == desired)
    }

    @Test func fieldsNobodyInGitWroteAreKept() {
        let live: Value = ["metadata": ["name": "web", "uid": "u-1", "annotations": ["team": "a"]], "spec": ["clusterIP": "10.96.0.7", "type": "ClusterIP"]]
        let last: Value = ["metadata": ["name": "web"], "spec": ["type": "ClusterIP"]]
        let desired: Value = ["metadata": ["name": "web"], "spec": ["type": "NodePort"]]
        let merged = ApplyMerge.merge(live: live, lastApplied: last, desired: desired)
        #expect(merged[path: ["spec", "clusterIP"]] == "10.96.0.7")
        #expect(merged[path: ["spec", "type"]] == "NodePort")
        #expect(merged[path: ["metadata", "annotations", "team"]] == "a")
        #expect(merged[path: ["metadata", "uid"]] == "u-1")
    }

    @Test func fieldsGitDroppedAreRemoved() {
        let live: Value = ["spec": ["replicas": 3, "paused": true, "minReadySeconds": 5]]
        let last: Value = ["spec": ["replicas": 3, "paused": true]]
        let desired: Value = ["spec": ["replicas": 3]]
        let merged = ApplyMerge.merge(live: live, lastApplied: last, desired: desired)
        #expect(merged == ["spec": ["replicas": 3, "minReadySeconds": 5]], "paused was git's and went; minReadySeconds was not")
    }

    @Test func adoptionRemovesNothing() {
        let live: Value = ["data": ["a": "1", "b": "2"]]
        let merged = ApplyMerge.merge(live: live, lastApplied: nil, desired: ["data": ["a": "9"]])
        #expect(merged == ["data": ["a": "9", "b": "2"]])
    }

    @Test func keyedListsMergeItemByItem() {
        // A Service's ports are keyed by port: a controller's nodePort inside an item survives,
        // a port git removed goes, a port someone else added stays.
        let live: Value = ["ports": [["port": 80, "nodePort": 30080], ["port": 443, "nodePort": 30443], ["port": 9090]]]
        let last: Value = ["ports": [["port": 80], ["port": 443]]]
        let desired: Value = ["ports": [["port": 80, "name": "http"]]]
        let merged = ApplyMerge.merge(live: live, lastApplied: last, desired: desired)
        #expect(merged == ["ports": [["port": 80, "nodePort": 30080, "name": "http"], ["port": 9090]]])
    }

    @Test func containersMergeByNameInDesiredOrder() {
        let live: Value = ["containers": [["name": "a", "image": "a:1", "extra": true], ["name": "b", "image": "b:1"]]]
        let last: Value = ["containers": [["name": "a", "image": "a:1"], ["name": "b", "image": "b:1"]]]
        let desired: Value = ["containers": [["name": "b", "image": "b:2"], ["name": "a", "image": "a:1"]]]
        let merged = ApplyMerge.merge(live: live, lastApplied: last, desired: desired)
        #expect(merged == ["containers": [["name": "b", "image": "b:2"], ["name": "a", "image": "a:1", "extra": true]]])
        #expect(merged["containers"]?.arrayValue?.first?["name"] == "b")
    }

    @Test func listsWithoutAKeyAreReplaced() {
        let live: Value = ["args": ["--a", "--b"], "tolerations": [["key": "x"]]]
        let desired: Value = ["args": ["--c"], "tolerations": [["key": "y"]]]
        #expect(ApplyMerge.merge(live: live, lastApplied: live, desired: desired) == desired)
    }

    @Test func whatGitReplacesWholeReadsAsGitWroteIt() {
        // Equal tolerations in another field order are still written in git's order; everything
        // else keeps the live order.
        let live: Value = ["metadata": ["name": "web", "uid": "u-1"], "spec": ["tolerations": [["operator": "Exists", "key": "a"]], "replicas": 2]]
        let desired: Value = ["metadata": ["name": "web"], "spec": ["replicas": 2, "tolerations": [["key": "a", "operator": "Exists"]]]]
        let merged = ApplyMerge.merge(live: live, lastApplied: desired, desired: desired)
        #expect(merged.jsonString() == #"{"metadata":{"name":"web","uid":"u-1"},"spec":{"tolerations":[{"key":"a","operator":"Exists"}],"replicas":2}}"#)
        #expect(ApplyMerge.merge(live: live, lastApplied: live, desired: live).jsonString() == live.jsonString())
    }

    @Test func duplicateKeysFallBackToReplacing() {
        let live: Value = ["env": [["name": "A", "value": "1"], ["name": "A", "value": "2"]]]
        let desired: Value = ["env": [["name": "A", "value": "3"]]]
        #expect(ApplyMerge.merge(live: live, lastApplied: nil, desired: desired) == desired)
    }
}
