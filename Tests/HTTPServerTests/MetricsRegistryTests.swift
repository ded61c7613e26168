import Foundation
import HTTPServer
import Testing

@Suite struct MetricsRegistryTests {
    @Test func counterRendersExactly() throws {
        let registry = MetricsRegistry()
        let syncs = try registry.counter("berth_syncs_total", help: "Syncs run.")
        syncs.increment()
        syncs.increment(by: 2)
        syncs.increment(by: -5)  // ignored: counters only go up
        #expect(registry.render() == """
            # HELP berth_syncs_total Syncs run.
            # TYPE berth_syncs_total counter
            berth_syncs_total 3

            """)
    }

    @Test func gaugeWithLabelsRendersEachSeriesSorted() throws {
        let registry = MetricsRegistry()
        let objects = try registry.gauge("berth_objects", help: "Objects by kind.", labelNames: ["namespace", "kind"])
        objects.set(4, labels: ["kind": "Pod", "namespace": "web"])
        objects.set(2, labels: ["kind": "Deployment", "namespace": "web"])
        objects.increment(labels: ["kind": "Deployment", "namespace": "web"])
        objects.set(1.5, labels: ["kind": "Service", "namespace": "api"])
        objects.decrement(by: 0.25, labels: ["kind": "Service", "namespace": "api"])
        objects.set(7, labels: ["kind": "Node", "ignored": "x"])
        #expect(registry.render() == """
            # HELP berth_objects Objects by kind.
            # TYPE berth_objects gauge
            berth_objects{namespace="",kind="Node"} 7
            berth_objects{namespace="api",kind="Service"} 1.25
            berth_objects{namespace="web",kind="Deployment"} 3
            berth_objects{namespace="web",kind="Pod"} 4

            """)
    }

    @Test func histogramRendersCumulativeBucketsSumAndCount() throws {
        let registry = MetricsRegistry()
        let duration = try registry.histogram(
            "berth_sync_duration_seconds", help: "Sync time.", labelNames: ["result"], buckets: [1, 0.1, 0.5])
        // 0.05 → le 0.1; 0.1 → le 0.1 (bounds are inclusive); 0.3 → le 0.5; 2 → only +Inf.
        for value in [0.05, 0.1, 0.3, 2] { duration.observe(value, labels: ["result": "ok"]) }
        duration.observe(0.7, labels: ["result": "failed"])
        #expect(registry.render() == """
            # HELP berth_sync_duration_seconds Sync time.
            # TYPE berth_sync_duration_seconds histogram
            berth_sync_duration_seconds_bucket{result="failed",le="0.1"} 0
            berth_sync_duration_seconds_bucket{result="failed",le="0.5"} 0
            berth_sync_duration_seconds_bucket{result="failed",le="1"} 1
            berth_sync_duration_seconds_bucket{result="failed",le="+Inf"} 1
            berth_sync_duration_seconds_sum{result="failed"} 0.7
            berth_sync_duration_seconds_count{result="failed"} 1
            berth_sync_duration_seconds_bucket{result="ok",le="0.1"} 2
            berth_sync_duration_seconds_bucket{result="ok",le="0.5"} 3
            berth_sync_duration_seconds_bucket{result="ok",le="1"} 3
            berth_sync_duration_seconds_bucket{result="ok",le="+Inf"} 4
            berth_sync_duration_seconds_sum{result="ok"} 2.45
            berth_sync_duration_seconds_count{result="ok"} 4

            """)
    }

    @Test func familiesAreSortedByNameAndEmptyOnesShowOnlyTheirHeader() throws {
        let registry = MetricsRegistry()
        _ = try registry.gauge("b_up", help: "Up.")
        try registry.counter("a_total", help: "A.").increment()
        #expect(registry.render() == """
            # HELP a_total A.
            # TYPE a_total counter
            a_total 1
            # HELP b_up Up.
            # TYPE b_up gauge

            """)
    }

    @Test func labelValuesAndHelpAreEscaped() throws {
        let registry = MetricsRegistry()
        let errors = try registry.counter("errors_total", help: "Errors \"quoted\" in C:\\path\nsecond line", labelNames: ["message"])
        errors.increment(labels: ["message": "say \"hi\"\\n\r\nnext"])
        #expect(registry.render() == #"""
            # HELP errors_total Errors "quoted" in C:\\path\nsecond line
            # TYPE errors_total counter
            errors_total{message="say \"hi\"\\n\#r\nnext"} 1

            """#)
    }

    @Test(arguments: ["", "1abc", "has-dash", "space name", "é"])
    func invalidMetricNamesAreRefused(name: String) {
        #expect(throws: MetricsError.self) { try MetricsRegistry().counter(name, help: "x") }
    }

    @Test func validNamesIncludingColonsAreAccepted() throws {
        _ = try MetricsRegistry().counter("berth:rule_total", help: "x", labelNames: ["_private", "kind2"])
    }

    @Test func invalidLabelsDuplicatesAndBucketsAreRefused() {
        let registry = MetricsRegistry()
        #expect(throws: MetricsError.self) { try registry.counter("a", help: "", labelNames: ["bad-label"]) }
        #expect(throws: MetricsError.self) { try registry.counter("b", help: "", labelNames: ["__reserved"]) }
        #expect(throws: MetricsError.self) { try registry.counter("c", help: "", labelNames: ["x", "x"]) }
        #expect(throws: MetricsError.self) { try registry.histogram("d", help: "", labelNames: ["le"]) }
        #expect(throws: MetricsError.self) { try registry.histogram("e", help: "", buckets: [1, 1]) }
        #expect(throws: MetricsError.self) { try registry.histogram("f", help: "", buckets: [.nan]) }
        _ = try? registry.counter("taken", help: "")
        let duplicate = #expect(throws: MetricsError.self) { try registry.gauge("taken", help: "") }
        #expect(duplicate?.description == "metric taken: is already registered")
    }

    @Test func concurrentUpdatesAreAllCounted() throws {
        let registry = MetricsRegistry()
        let counter = try registry.counter("hits_total", help: "Hits.", labelNames: ["worker"])
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for _ in 0..<1000 { counter.increment(labels: ["worker": "\(worker % 2)"]) }
        }
        let text = registry.render()
        #expect(text.contains("hits_total{worker=\"0\"} 4000\n"))
        #expect(text.contains("hits_total{worker=\"1\"} 4000\n"))
    }

    @Test func servedOverHTTPWithTheExpositionContentType() throws {
        let registry = MetricsRegistry()
        try registry.counter("served_total", help: "Served.").increment()
        let handler: HTTPServer.Handler = { _ in
            HTTPResponse(status: 200, headers: [("Content-Type", MetricsRegistry.contentType)], body: Array(registry.render().utf8))
        }
        try withServer(handler: handler) { _, port in
            let client = try TestClient(port: port)
            try client.send(request("GET", "/metrics"))
            let response = try client.readResponse()
            #expect(response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(response.text.hasSuffix("served_total 1\n"))
        }
    }
}
