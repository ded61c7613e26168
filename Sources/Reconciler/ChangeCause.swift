import GitSource
import Resources

/// `kubernetes.io/change-cause` on a Deployment whose pod template a commit changes: the commit's
/// subject, so `berth rollout history` says which commit made each revision. Set after the plan is
/// made (it is never part of a diff) and only where git does not set it itself.
enum ChangeCause {
    static let annotation = "kubernetes.io/change-cause"

    static func stamped(_ object: Value, live: Value?, commit: CommitInfo) -> Value {
        guard object["kind"] == "Deployment", ObjectKey.group(ofAPIVersion: object["apiVersion"]?.stringValue ?? "") == "apps"
        else { return object }
        let template = object[path: ["spec", "template"]]
        guard live == nil || live?[path: ["spec", "template"]] != template else { return object }
        var stamped = object
        stamped[path: ["metadata", "annotations", annotation]] = .string("\(commit.subject) (\(commit.shortID))")
        return stamped
    }
}
