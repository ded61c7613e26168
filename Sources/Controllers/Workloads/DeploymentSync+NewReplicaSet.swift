import FoundationEssentials
import Resources

/// What looking for the new ReplicaSet found.
enum NewReplicaSetResult: Equatable {
    case found(String)
    case missing
    /// The name the hash gives is taken by a ReplicaSet with another template: the collision count
    /// went up in the status, and the sync stops until the next one.
    case collision

    var name: String? {
        if case .found(let name) = self { return name }
        return nil
    }
}

extension DeploymentSync {
    /// The Deployment's status, created empty when absent.
    var status: Value {
        get { deployment["status"]?.objectValue != nil ? deployment["status"]! : .emptyObject }
        set { deployment["status"] = newValue }
    }

    /// `getNewReplicaSet`: find the ReplicaSet whose template is the Deployment's and bring its
    /// annotations up to date (a template seen before gets the next revision, its old one kept in
    /// revision-history), or create it when asked.
    mutating func syncNewReplicaSet(createIfMissing: Bool) -> NewReplicaSetResult {
        let existing = newName
        let newRevision = (oldNames(excluding: existing).compactMap { WorkloadFields.revision(rs($0)) }.max() ?? 0) + 1
        if let existing {
            refreshNewReplicaSet(existing, revision: newRevision)
            return .found(existing)
        }
        guard createIfMissing else { return .missing }
        return createNewReplicaSet(revision: newRevision)
    }

    private mutating func refreshNewReplicaSet(_ name: String, revision: Int64) {
        var copy = rs(name)
        let annotationsChanged = Self.setNewReplicaSetAnnotations(&copy, deployment: deployment, revision: revision, exists: true)
        let minReady = DeploymentSpec.minReadySeconds(deployment)
        if annotationsChanged || (WorkloadFields.int(copy[path: ["spec", "minReadySeconds"]]) ?? 0) != minReady {
            copy[path: ["spec", "minReadySeconds"]] = .int(minReady)
            update(copy)
            // Kubernetes returns here and copies the revision to the Deployment on the next sync.
            return
        }
        setDeploymentRevision(WorkloadFields.annotation(copy, WorkloadKeys.revision) ?? "")
        // A Deployment that had no Progressing condition (progress checks newly wanted) starts
        // counting from the first time its new ReplicaSet is seen.
        if DeploymentSpec.progressDeadline(deployment) != nil, DeploymentConditions.get(status, DeploymentConditions.progressing) == nil {
            DeploymentConditions.set(
                &status,
                DeploymentConditions.make(
                    DeploymentConditions.progressing, "True", DeploymentConditions.Reason.foundNewReplicaSet,
                    "Found new replica set \"\(name)\"", now: now))
        }
    }

    private mutating func createNewReplicaSet(revision: Int64) -> NewReplicaSetResult {
        let template = DeploymentSpec.template(deployment)
        let collisionCount = WorkloadFields.int(deployment[path: ["status", "collisionCount"]])
        let hash = PodTemplateHash.compute(template: template, collisionCount: collisionCount)
        let name = WorkloadFields.name(deployment) + "-" + hash
        if replicaSets[name] != nil || bystanders[name] != nil {
            // Another template already has this name: count the collision so the next hash differs.
            status["collisionCount"] = .int((collisionCount ?? 0) + 1)
            requeueAfter = 0
            return .collision
        }
        var rs = makeReplicaSet(name: name, hash: hash, template: template)
        _ = Self.setNewReplicaSetAnnotations(&rs, deployment: deployment, revision: revision, exists: false)
        let olds = oldNames(excluding: nil).map { self.rs($0) }
        rs[path: ["spec", "replicas"]] = .int(newReplicaSetSize(all: olds + [rs], new: rs))
        _ = Self.setReplicaAnnotations(&rs, desired: replicas, max: replicas + limits.maxSurge)
        create(rs)
        setDeploymentRevision(String(revision))
        if DeploymentSpec.progressDeadline(deployment) != nil {
            DeploymentConditions.set(
                &status,
                DeploymentConditions.make(
                    DeploymentConditions.progressing, "True", DeploymentConditions.Reason.newReplicaSetCreated,
                    "Created new replica set \"\(name)\"", now: now))
        }
        return .found(name)
    }

    /// The ReplicaSet for the Deployment's template: named, labelled and selected by its hash, so
    /// its pods never match another revision's selector.
    private func makeReplicaSet(name: String, hash: String, template: Value) -> Value {
        var podTemplate = template
        var labels = podTemplate[path: ["metadata", "labels"]]?.objectValue ?? Fields()
        labels[WorkloadKeys.podTemplateHash] = .string(hash)
        if podTemplate["metadata"]?.objectValue == nil { podTemplate["metadata"] = .emptyObject }
        podTemplate[path: ["metadata", "labels"]] = .object(labels)
        var selector = deployment[path: ["spec", "selector"]] ?? .emptyObject
        var matchLabels = selector["matchLabels"]?.objectValue ?? Fields()
        matchLabels[WorkloadKeys.podTemplateHash] = .string(hash)
        selector["matchLabels"] = .object(matchLabels)
        var metadata: Fields = ["name": .string(name), "namespace": .string(WorkloadFields.namespace(deployment))]
        metadata["labels"] = .object(labels)
        metadata["ownerReferences"] = [ControllerRef.make(for: deployment)]
        return [
            "apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": .object(metadata),
            "spec": [
                "replicas": 0, "minReadySeconds": .int(DeploymentSpec.minReadySeconds(deployment)),
                "selector": selector, "template": podTemplate,
            ],
        ]
    }

    /// `NewRSNewReplicas`. Rolling: grow the new ReplicaSet up to replicas + maxSurge pods in all,
    /// never past replicas itself; 10 replicas with maxSurge 3 and 10 old pods gives the new one
    /// min(13 − 10, 10 − 0) = 3. Recreate: all of them at once (old pods are gone by then).
    func newReplicaSetSize(all: [Value], new: Value) -> Int64 {
        guard DeploymentSpec.isRollingUpdate(deployment) else { return replicas }
        let current = Self.sumSpec(all)
        let maxTotal = replicas + limits.maxSurge
        let newSize = WorkloadFields.specReplicas(new)
        guard current < maxTotal else { return newSize }
        return newSize + min(maxTotal - current, replicas - newSize)
    }

    /// `SetDeploymentRevision`.
    mutating func setDeploymentRevision(_ revision: String) {
        if WorkloadFields.annotation(deployment, WorkloadKeys.revision) != revision {
            WorkloadFields.setAnnotation(&deployment, WorkloadKeys.revision, revision)
        }
    }

    /// `SetNewReplicaSetAnnotations`: copy the Deployment's annotations (change-cause among them,
    /// not its own revision or kubectl's), raise the revision when it is behind, keep the revisions
    /// a reused ReplicaSet had in revision-history, and on creation add the replica annotations.
    static func setNewReplicaSetAnnotations(_ rs: inout Value, deployment: Value, revision: Int64, exists: Bool) -> Bool {
        var changed = false
        for (key, value) in WorkloadFields.annotations(deployment)
        where !WorkloadKeys.keptOnDeployment.contains(key) && WorkloadFields.annotation(rs, key) != value {
            WorkloadFields.setAnnotation(&rs, key, value)
            changed = true
        }
        let oldText = WorkloadFields.annotation(rs, WorkloadKeys.revision)
        let old: Int64
        if let oldText, !oldText.isEmpty {
            guard let parsed = Int64(oldText) else { return changed }
            old = parsed
        } else {
            old = 0
        }
        if old < revision {
            WorkloadFields.setAnnotation(&rs, WorkloadKeys.revision, String(revision))
            changed = true
            if let oldText, !oldText.isEmpty { appendRevisionHistory(&rs, oldText) }
        }
        if !exists {
            let limits = RolloutLimits(deployment: deployment)
            let replicas = WorkloadFields.specReplicas(deployment)
            if setReplicaAnnotations(&rs, desired: replicas, max: replicas + limits.maxSurge) { changed = true }
        }
        return changed
    }

    /// Appends a revision to `revision-history`, dropping the oldest ones to stay within 2000 characters.
    private static func appendRevisionHistory(_ rs: inout Value, _ oldRevision: String) {
        let history = WorkloadFields.annotation(rs, WorkloadKeys.revisionHistory) ?? ""
        guard !history.isEmpty else {
            WorkloadFields.setAnnotation(&rs, WorkloadKeys.revisionHistory, oldRevision)
            return
        }
        var revisions = history.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var total = history.count + oldRevision.count + 1
        var start = 0
        while total > WorkloadKeys.maxRevisionHistoryChars && start < revisions.count {
            total -= revisions[start].count + 1
            start += 1
        }
        guard total <= WorkloadKeys.maxRevisionHistoryChars else { return }
        revisions = Array(revisions[start...]) + [oldRevision]
        WorkloadFields.setAnnotation(&rs, WorkloadKeys.revisionHistory, revisions.joined(separator: ","))
    }
}
