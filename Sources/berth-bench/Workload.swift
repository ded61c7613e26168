import Foundation

/// The generated workload: a git repository of N objects in N/2 files (a Deployment and a Service
/// per file, with labels, resources, env and probes as real apps have), over 20 namespaces.
struct Workload {
    let directory: String
    let objects: Int

    static let namespaces = 20

    static func generate(objects: Int, in directory: String) throws -> Workload {
        let manifests = (directory as NSString).appendingPathComponent("manifests")
        try FileManager.default.createDirectory(atPath: manifests, withIntermediateDirectories: true)
        var namespaceFile = ""
        for n in 0..<namespaces { namespaceFile += "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-\(n)\n" }
        try namespaceFile.write(toFile: (manifests as NSString).appendingPathComponent("namespaces.yaml"), atomically: true, encoding: .utf8)
        for i in 0..<(objects / 2) { try app(i).write(toFile: (manifests as NSString).appendingPathComponent("app-\(i).yaml"), atomically: true, encoding: .utf8) }
        try git(["init", "-q", "-b", "main"], in: directory)
        try git(["add", "-A"], in: directory)
        try git(["commit", "-q", "-m", "\(objects) objects"], in: directory)
        return Workload(directory: directory, objects: objects)
    }

    static func app(_ i: Int, image: String = "1.0") -> String {
        let name = "app-\(i)"
        return """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: \(name)
              namespace: team-\(i % namespaces)
              labels: {app.kubernetes.io/name: \(name), app.kubernetes.io/part-of: bench}
            spec:
              replicas: 2
              selector:
                matchLabels: {app.kubernetes.io/name: \(name)}
              template:
                metadata:
                  labels: {app.kubernetes.io/name: \(name), app.kubernetes.io/part-of: bench}
                spec:
                  containers:
                    - name: main
                      image: registry.example.com/\(name):\(image)
                      ports:
                        - {name: http, containerPort: 8080}
                      env:
                        - {name: MODE, value: production}
                        - {name: INDEX, value: "\(i)"}
                      resources:
                        requests: {cpu: 100m, memory: 128Mi}
                        limits: {memory: 256Mi}
                      readinessProbe:
                        httpGet: {path: /healthz, port: http}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: \(name)
              namespace: team-\(i % namespaces)
            spec:
              selector: {app.kubernetes.io/name: \(name)}
              ports:
                - {port: 80, targetPort: http}

            """
    }

    /// Changes one file and commits it (the incremental case).
    func commitOneChange() throws {
        try Workload.app(0, image: "2.0").write(
            toFile: (directory as NSString).appendingPathComponent("manifests/app-0.yaml"), atomically: true, encoding: .utf8)
        try git(["commit", "-q", "-am", "app-0: 2.0"], in: directory)
    }

    var manifestFiles: [String] {
        let folder = (directory as NSString).appendingPathComponent("manifests")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }
}

func git(_ arguments: [String], in directory: String) throws {
    let result = try run("/usr/bin/env", ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost"] + arguments, in: directory)
    guard result.status == 0 else { throw BenchError("git \(arguments.joined(separator: " ")) failed") }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A finished child process: exit status, wall seconds, peak RSS in bytes.
struct Run {
    var status: Int32
    var seconds: Double
    var peakBytes: Int
}

/// Runs a program with posix_spawn and reaps it with wait4, so the peak RSS of that child alone
/// is known (Foundation's Process reaps children itself and keeps their usage).
func run(_ executable: String, _ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Run {
    let previous = FileManager.default.currentDirectoryPath
    guard FileManager.default.changeCurrentDirectoryPath(directory) else { throw BenchError("no folder \(directory)") }
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup($0) } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var pid: pid_t = 0
    let start = Date()
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
    guard spawned == 0 else { throw BenchError("cannot run \(executable): error \(spawned)") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    return Run(status: (status >> 8) & 0xFF, seconds: Date().timeIntervalSince(start), peakBytes: Int(usage.ru_maxrss) * 1024)
}
