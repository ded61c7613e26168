import ArgumentParser
import FoundationEssentials
import Resources
import Store

/// `berth history`: every sync recorded in the store, newest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List every sync: time, revision, author, result and counts, newest first.",
        discussion: """
            Refused commits are listed too, with the first error.

            Examples:
              berth history
              berth history --limit 5 -o json
            """
    )

    @Option(help: ArgumentHelp("Show at most this many records.", valueName: "n"))
    var limit: Int?

    @Option(name: .shortAndLong, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var output: OutputFormat = .text

    @OptionGroup var state: StateOptions

    func validate() throws {
        guard output == .text || output == .json else { throw ValidationError("-o must be text or json for history") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let records: [SyncRecord]
        do {
            records = try SQLiteStore.openExisting(directory: state.directory)?.history(source: nil, limit: limit) ?? []
        } catch {
            Terminal.printError("error: \(error)")
            throw ExitCode.failure
        }
        if output == .json {
            print(Value.array(records.map(Self.json)).jsonString(pretty: true))
            return
        }
        guard !records.isEmpty else {
            Terminal.printError("No syncs recorded yet in \(state.directory).")
            return
        }
        var table = Table(["TIME", "REVISION", "RESULT", "HEALTH", "CHANGES", "AUTHOR", "SUBJECT"])
        for record in records {
            var subject = record.subject
            if record.result == .refused || record.result == .failed {
                let first = record.message.split(separator: "\n").first.map(String.init) ?? ""
                subject += (subject.isEmpty ? "" : " — ") + Self.truncated(first, to: 100)
            }
            table.append([
                Self.time(record.time), record.revision.isEmpty ? "-" : String(record.revision.prefix(7)),
                Self.label(record.result), record.health.isEmpty ? "-" : record.health,
                record.result == .refused ? "-" : "+\(record.created) ~\(record.updated) -\(record.deleted) =\(record.unchanged)",
                record.author.isEmpty ? "-" : record.author, subject,
            ])
        }
        print(table.rendered)
    }

    static func time(_ date: Date) -> String {
        String(Timestamp.rfc3339(date).map { $0 == "T" ? " " : $0 })
    }

    /// Results as the rest of the command line spells them (`reconcile -o json` says "in-sync" too).
    static func label(_ result: SyncResult) -> String {
        switch result {
        case .applied: return "applied"
        case .inSync: return "in-sync"
        case .refused: return "refused"
        case .failed: return "failed"
        }
    }

    static func truncated(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    static func json(_ record: SyncRecord) -> Value {
        [
            "id": .int(record.id),
            "time": .string(Timestamp.rfc3339(record.time)),
            "source": .string(record.source),
            "revision": .string(record.revision),
            "author": .string(record.author),
            "subject": .string(record.subject),
            "result": .string(label(record.result)),
            "message": .string(record.message),
            "created": .int(Int64(record.created)),
            "updated": .int(Int64(record.updated)),
            "deleted": .int(Int64(record.deleted)),
            "unchanged": .int(Int64(record.unchanged)),
            "storeRevision": .int(record.storeRevision),
            "health": .string(record.health),
        ]
    }
}
