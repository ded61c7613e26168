import Resources

/// What this store's own transactions wrote, kept so that reading it back parses no JSON: each
/// object's last written value, used while its row still carries that resourceVersion (a write by
/// another process moves it, and is then read from disk), and the change-log events of the latest
/// transactions, used when they cover every revision a reader asks for.
///
/// Only values that JSON carries exactly are kept (no NaN, infinity or negative zero), so what is
/// read from here is what the database would have returned.
final class RecentWrites {
    /// Enough for a watcher that reads the log after each of its own writes.
    static let transactionsKept = 64

    private var objects: [ObjectKey: StoredObject] = [:]
    /// Ascending revisions; a transaction whose events are not all kept ends the run before it.
    private var transactions: [(revision: Int64, events: [WatchEvent])] = []

    /// The value stored for `key` at `resourceVersion`, when this store wrote it.
    func object(_ key: ObjectKey, at resourceVersion: Int64) -> Value? {
        guard let object = objects[key], object.resourceVersion == resourceVersion else { return nil }
        return object.value
    }

    /// A change a transaction logged, and whether its JSON carries the object exactly.
    struct Change {
        var event: WatchEvent
        var exact: Bool

        /// `body` is the JSON the change log holds for `event.object`.
        init(_ event: WatchEvent, body: String) {
            self.event = event
            exact = RecentWrites.isExact(event.object, body: body)
        }
    }

    /// Takes in the changes of a committed transaction at `revision`, in the order written.
    func record(_ changes: [Change], revision: Int64) {
        for change in changes {
            let event = change.event
            objects[event.key] = event.type == .deleted || !change.exact
                ? nil : StoredObject(key: event.key, value: event.object, resourceVersion: revision)
        }
        if changes.allSatisfy(\.exact) {
            transactions.append((revision, changes.map(\.event)))
            if transactions.count > Self.transactionsKept { transactions.removeFirst() }
        } else {
            transactions = []
        }
    }

    /// Whether `Value(json: body)` gives `object` back. The store's JSON loses only NaN and
    /// infinity (written as null) and negative zero (written as 0.0), so a body without `null` and
    /// `0.0` is exact as it stands; one with either is checked value by value.
    static func isExact(_ object: Value, body: String) -> Bool {
        var body = body
        let suspect = body.withUTF8 { bytes in
            bytes.indices.contains { i in
                switch bytes[i] {
                case UInt8(ascii: "n"): return bytes[i...].starts(with: "null".utf8)
                case UInt8(ascii: "0"): return bytes[i...].starts(with: "0.0".utf8)
                default: return false
                }
            }
        }
        return !suspect || object.isCarriedExactlyByJSON
    }

    /// Every event after `revision` through `head` (the store's revision), when the transactions
    /// kept hold each of those revisions; nil otherwise.
    func events(after revision: Int64, through head: Int64) -> [WatchEvent]? {
        guard revision < head else { return [] }
        guard let first = transactions.firstIndex(where: { $0.revision == revision + 1 }),
            transactions.count - first == head - revision, transactions.last?.revision == head
        else { return nil }
        return transactions[first...].flatMap(\.events)
    }
}

extension Value {
    /// Whether `Value(json: jsonString())` gives this value back: JSON has no NaN or infinity, and
    /// the store writes negative zero as zero.
    fileprivate var isCarriedExactlyByJSON: Bool {
        switch self {
        case .null, .bool, .int, .string: return true
        case .double(let d): return d.isFinite && !(d == 0 && d.sign == .minus)
        case .array(let items): return items.allSatisfy(\.isCarriedExactlyByJSON)
        case .object(let fields): return fields.allSatisfy { $0.value.isCarriedExactlyByJSON }
        }
    }
}
