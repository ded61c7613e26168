import Controllers
import Reconciler
import Resources

/// The plan as a person reads it: one line per object, its field diff, a total.
struct PlanPrinter {
    var terminal: Terminal

    /// `noun` "drift" words a preview as `berth diff` reports it.
    func render(_ outcome: ReconcileOutcome, noun: String = "plan") -> String {
        let drift = noun == "drift"
        let commit = outcome.source.commit
        let plan = outcome.plan
        var out = terminal.dim(
            "revision \(commit.shortID) \"\(commit.subject)\" by \(commit.authorName) · \(outcome.source.path) · "
                + "\(outcome.source.keys.count) objects in \(outcome.source.fileCount) files") + "\n"

        if outcome.result == .previewed {
            for (change, diff) in zip(plan.changes, plan.renderedDiffs()) { out += renderPreview(change, diff: diff) }
        } else if case .applied = outcome.result {
            for change in plan.changes { out += headline(change, past: true) + "\n" }
        }
        for key in plan.keptByNoPrune {
            out += terminal.yellow("kept \(key): no longer in git, not pruned (--no-prune)") + "\n"
        }

        switch outcome.result {
        case .previewed where plan.changes.isEmpty, .inSync:
            let verdict = drift ? "no drift from \(commit.shortID)" : "in sync at \(commit.shortID)"
            out += terminal.green(verdict) + " (\(plan.unchanged.count) objects)\n"
        case .previewed where drift:
            out += "\n" + terminal.bold("Drift from git: \(counts(plan, future: true)).") + "\n"
            out += "Run berth reconcile to put the synced commit back.\n"
        case .previewed:
            out += "\n" + terminal.bold("Plan: \(counts(plan, future: true)).") + "\n"
            out += "Dry run: nothing was written. Run berth reconcile to apply.\n"
        case .applied(let storeRevision):
            let revisionNote = storeRevision.map { " · store revision \($0)" } ?? ""
            out += terminal.bold("Applied \(commit.shortID): \(counts(plan, future: false))") + revisionNote + "\n"
        }
        return out
    }

    private func counts(_ plan: Plan, future: Bool) -> String {
        let verbs = future ? ("to create", "to update", "to delete") : ("created", "updated", "deleted")
        return "\(plan.count(.create)) \(verbs.0), \(plan.count(.update)) \(verbs.1), "
            + "\(plan.count(.delete)) \(verbs.2), \(plan.unchanged.count) unchanged"
    }

    private func headline(_ change: PlannedChange, past: Bool) -> String {
        let verb = past ? "\(change.action.rawValue)d" : change.action.rawValue
        var line: String
        switch change.action {
        case .create: line = terminal.green("+ \(verb) \(change.key)")
        case .update: line = terminal.yellow("~ \(verb) \(change.key)")
        case .delete: line = terminal.red("- \(verb) \(change.key)")
        }
        for note in change.notes { line += terminal.dim(" (\(note))") }
        return line
    }

    private func renderPreview(_ change: PlannedChange, diff: String) -> String {
        var out = headline(change, past: false) + "\n"
        for line in diff.utf8.split(separator: UInt8(ascii: "\n")) {
            let text = "    " + Substring(line)
            switch line.first {
            case UInt8(ascii: "+"): out += terminal.green(text)
            case UInt8(ascii: "-"): out += terminal.red(text)
            default: out += text
            }
            out += "\n"
        }
        return out
    }
}

/// `reconcile -o json`: one object, the contract other tools read.
enum PlanJSON {
    static func render(_ outcome: ReconcileOutcome, health: HealthWait.Outcome?) -> String {
        let plan = outcome.plan
        let result: String
        switch outcome.result {
        case .previewed: result = "dry-run"
        case .inSync: result = "in-sync"
        case .applied: result = "applied"
        }
        // The changes (diffs and all) are written as JSON on all cores: they are most of the text.
        let changes = plan.inSlices { slice in
            var out: [UInt8] = []
            for change in slice {
                let item: Value = [
                    "action": .string(change.action.rawValue),
                    "apiVersion": .string(change.apiVersion),
                    "kind": .string(change.key.kind),
                    "namespace": .string(change.key.namespace),
                    "name": .string(change.key.name),
                    "diff": .string(change.diff.text),
                    "notes": .array(change.notes.map(Value.string)),
                ]
                out += ",\n    ".utf8
                item.writeJSON(into: &out, pretty: true, indent: 4)
            }
            return out
        }
        var value: Value = [
            "revision": .string(outcome.source.commit.id),
            "path": .string(outcome.source.path),
            "result": .string(result),
            "summary": [
                "create": .int(Int64(plan.count(.create))),
                "update": .int(Int64(plan.count(.update))),
                "delete": .int(Int64(plan.count(.delete))),
                "unchanged": .int(Int64(plan.unchanged.count)),
            ],
            "changes": [],  // written from `changes` below
            "kept": .array(plan.keptByNoPrune.map { .string($0.description) }),
            "warnings": .array(outcome.source.warnings.map { .string($0.description) }),
        ]
        if case .applied(let revision?) = outcome.result { value["storeRevision"] = .int(revision) }
        if let health {
            value["health"] = [
                "status": .string(health.aggregate.rawValue),
                "timedOut": .bool(health.timedOut),
                "resources": .array(health.health.sorted { $0.key < $1.key }.map { key, health in
                    [
                        "kind": .string(key.kind), "namespace": .string(key.namespace), "name": .string(key.name),
                        "health": .string(health.status.rawValue), "message": .string(health.message),
                    ]
                }),
            ]
        }
        var out: [UInt8] = []
        out.reserveCapacity(changes.reduce(4096) { $0 + $1.count })
        out.append(UInt8(ascii: "{"))
        for (index, (key, field)) in (value.objectValue ?? [:]).enumerated() {
            out += (index == 0 ? "\n  " : ",\n  ").utf8
            Value.writeJSONString(key, into: &out)
            out += ": ".utf8
            guard key == "changes", !plan.changes.isEmpty else {
                field.writeJSON(into: &out, pretty: true, indent: 2)
                continue
            }
            out.append(UInt8(ascii: "["))
            for (slice, text) in changes.enumerated() { out += slice == 0 ? text.dropFirst() : text[...] }  // no comma before the first
            out += "\n  ]".utf8
        }
        out += "\n}".utf8
        return String(decoding: out, as: UTF8.self)
    }
}
