import Foundation
import Manifests
import Reconciler
import Resources
import Scheduler

/// `make bench`: generates the workloads, runs each case several times and prints one table
/// (case, figure, median, min–max, target, met). `-o json` prints the same as JSON.
@main
struct BenchMain {
    struct Result {
        var name: String
        var figure: String
        var samples: [Double]
        var target: String
        var met: Bool?

        var median: Double { samples.sorted()[samples.count / 2] }
    }

    static func main() throws {
        let arguments = CommandLine.arguments
        if arguments.contains("--help") || arguments.contains("-h") {
            print("""
                usage: berth-bench [--objects N] [--repeat N] [--only parse,reconcile,scheduling,rollout] [-o json]
                  --objects N   objects in the generated repository (default 10000)
                  --repeat N    runs of each case (default 3; the short reconcile runs take 3 samples per run)
                  --only        the groups of cases to run (the parse floor always runs)
                  -o json       the results as JSON instead of a table
                """)
            return
        }
        let json = arguments.contains("json")
        let objects = arguments.firstIndex(of: "--objects").flatMap { Int(arguments[$0 + 1]) } ?? 10_000
        let repeats = arguments.firstIndex(of: "--repeat").flatMap { Int(arguments[$0 + 1]) } ?? 3
        // `--only parse,reconcile,scheduling,rollout` runs some groups of cases (the floor always runs).
        let only = arguments.firstIndex(of: "--only").map { Set(arguments[$0 + 1].split(separator: ",").map(String.init)) }
        func wants(_ group: String) -> Bool { only?.contains(group) ?? true }
        let berth = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("berth").path
        let scratch = NSTemporaryDirectory() + "berth-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        FileHandle.standardError.write(Data("generating \(objects) objects …\n".utf8))
        let workload = try Workload.generate(objects: objects, in: scratch + "/repo")
        let files = workload.manifestFiles.map { ($0, Array(FileManager.default.contents(atPath: $0)!)) }

        var results: [Result] = []
        func clock(_ body: () throws -> Void) rethrows -> Double {
            let start = Date()
            try body()
            return Date().timeIntervalSince(start)
        }

        // Every ratio divides samples taken side by side (a floor pass just before each decode and
        // each cold run; each run's apply, no-op and incremental by that run's cold dry run), and
        // its figure is the median of those ratios: on a shared machine whose speed drifts from
        // minute to minute, that compares like with like.
        func floorPass() throws -> Double {
            try clock { for (path, bytes) in files { _ = try YAMLDecoder.eventPass(bytes, file: path) } }
        }
        var floor: [Double] = []
        var pending: [Result] = []

        if wants("parse") {
            // What berth does with a commit's files: decoded, validated and defaulted on all cores.
            var bases: [Double] = []
            var decode: [Double] = []
            for _ in 0..<repeats {
                bases.append(try floorPass())
                decode.append(clock { _ = SourceLoader.load(files: files) })
            }
            floor += bases
            pending.append(ratio("decode", "validated, defaulted objects (all cores)", decode, bases, limit: 2.5))

            let python = "import sys, yaml\nfor p in sys.argv[1:]:\n    list(yaml.load_all(open(p), Loader=yaml.CSafeLoader))\n"
            let pythonScript = scratch + "/peer.py"
            try python.write(toFile: pythonScript, atomically: true, encoding: .utf8)
            var peer: [Double] = []
            var ours: [Double] = []
            for _ in 0..<repeats {
                peer.append(try run("/usr/bin/env", ["python3", pythonScript] + files.map(\.0), in: scratch).seconds)
                ours.append(clock { _ = SourceLoader.load(files: files) })
            }
            let faster = median(zip(peer, ours).map { $0 / $1 })
            pending.append(Result(
                name: "peer parse", figure: "PyYAML CSafeLoader load_all (whole process)", samples: peer,
                target: "berth decode ≥ 5× faster (\(String(format: "%.1f", faster))×)", met: faster >= 5))
        }

        func berthRun(_ state: String, _ args: [String], env: [String: String] = [:]) throws -> Run {
            try run(berth, args, in: workload.directory, environment: env.merging(["BERTH_STATE": state]) { $1 })
        }
        if wants("reconcile") {
            var bases: [Double] = []
            var cold: [Double] = []
            var apply: [Double] = []
            var noop: [Double] = []
            var noopBases: [Double] = []
            for i in 0..<repeats {
                let state = "\(scratch)/state-\(i)"
                bases.append(try floorPass())
                cold.append(try berthRun(state, ["reconcile", "--dry-run", "-o", "json"]).seconds)
                apply.append(try berthRun(state, ["reconcile", "--no-wait"]).seconds)
                // A short run is cheap and noisy: three samples each.
                for _ in 0..<3 {
                    noop.append(try berthRun(state, ["reconcile", "--dry-run"]).seconds)
                    noopBases.append(cold[i])
                }
            }
            floor += bases
            pending.append(ratio("dry-run, cold", "whole process, empty state", cold, bases, limit: 4))
            pending.append(ratio("apply, cold", "--no-wait, empty state", apply, cold, limit: 2, of: "dry-run cold"))
            pending.append(ratio("no-op", "--dry-run on the synced commit", noop, noopBases, limit: 0.05, of: "dry-run cold"))
            try workload.commitOneChange()
            var incremental: [Double] = []
            for i in 0..<repeats {
                for _ in 0..<3 { incremental.append(try berthRun("\(scratch)/state-\(i)", ["reconcile", "--dry-run"]).seconds) }
            }
            pending.append(ratio("incremental", "--dry-run after a one-file commit", incremental, noopBases, limit: 0.05, of: "dry-run cold"))
        }
        if floor.isEmpty { floor = try (0..<repeats).map { _ in try floorPass() } }
        results.append(Result(name: "parse floor", figure: "libyaml events, nothing built", samples: floor, target: "reference", met: nil))
        results += pending

        if wants("scheduling") {
            results.append(scheduling("scheduling", pods: 10_000, nodes: 5_000, antiAffinity: false, target: 5_000, repeats: repeats))
            results.append(scheduling("scheduling, anti-affinity", pods: 2_000, nodes: 5_000, antiAffinity: true, target: 600, repeats: repeats))
        }

        if wants("rollout") {
            let rollout = try Rollout.measure(berth: berth, scratch: scratch, repeats: repeats)
            results.append(Result(name: "rollout end to end", figure: "10,000 replicas on 1,000 nodes, to all Ready",
                samples: rollout.map(\.seconds), target: "≤ 10 s", met: rollout.map(\.seconds).sorted()[rollout.count / 2] <= 10))
            let peak = rollout.map { Double($0.peakBytes) / 1_000_000 }
            results.append(Result(name: "memory", figure: "peak RSS of the rollout (MB)", samples: peak, target: "≤ 500 MB",
                met: peak.sorted()[peak.count / 2] <= 500))
        }

        print(json ? Report.json(results) : Report.table(results, objects: objects))
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    /// A case measured against samples taken side by side with its own (`bases[i]` with
    /// `samples[i]`): the figure is the median of the ratios.
    static func ratio(_ name: String, _ figure: String, _ samples: [Double], _ bases: [Double], limit: Double, of reference: String = "the floor") -> Result {
        let times = median(zip(samples, bases).map { $0 / $1 })
        let target = limit < 1 ? "≤ \(Int(limit * 100)) % of \(reference) (\(String(format: "%.0f", times * 100)) %)"
            : "≤ \(limit)× \(reference) (\(String(format: "%.1f", times))×)"
        return Result(name: name, figure: figure, samples: samples, target: target, met: times <= limit)
    }

    static func scheduling(_ name: String, pods: Int, nodes: Int, antiAffinity: Bool, target: Double, repeats: Int) -> Result {
        let samples = (0..<repeats).map { _ in SchedulingBench.podsPerSecond(pods: pods, nodes: nodes, antiAffinity: antiAffinity) }
        let median = samples.sorted()[samples.count / 2]
        return Result(name: name, figure: "\(pods) pods onto \(nodes) nodes, pods/s", samples: samples,
            target: "≥ \(Int(target)) pods/s", met: median >= target)
    }
}
