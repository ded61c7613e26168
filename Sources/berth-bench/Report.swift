import Foundation
import Resources

/// The benchmark table, for people and for programs.
enum Report {
    static func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : value >= 1 ? String(format: "%.2f", value) : String(format: "%.3f", value)
    }

    static func table(_ results: [BenchMain.Result], objects: Int) -> String {
        var rows = [["CASE", "FIGURE", "MEDIAN", "MIN–MAX", "TARGET", "MET"]]
        for r in results {
            let sorted = r.samples.sorted()
            rows.append([
                r.name, r.figure, format(r.median), "\(format(sorted.first!))–\(format(sorted.last!))", r.target,
                r.met.map { $0 ? "yes" : "NO" } ?? "-",
            ])
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max()! }
        let lines = rows.map { row in
            zip(row, widths).map { cell, width in cell + String(repeating: " ", count: width - cell.count) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return "berth bench · \(objects) objects · \(ProcessInfo.processInfo.activeProcessorCount) cores · "
            + "\(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB · seconds unless stated\n" + lines.joined(separator: "\n")
    }

    static func json(_ results: [BenchMain.Result]) -> String {
        Value.array(results.map { r in
            var item: Value = [
                "case": .string(r.name), "figure": .string(r.figure), "median": .double(r.median),
                "samples": .array(r.samples.map(Value.double)), "target": .string(r.target),
            ]
            item["met"] = r.met.map(Value.bool) ?? .null
            return item
        }).jsonString(pretty: true)
    }
}
