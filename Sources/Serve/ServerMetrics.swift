import HTTPServer

/// The figures `berth serve` exposes on `/metrics`, in Prometheus' text format.
public final class ServerMetrics: Sendable {
    public let registry = MetricsRegistry()
    let syncs: Counter
    let syncDuration: Histogram
    let objectsApplied: Counter
    let driftDetected: Counter
    let driftCorrections: Counter
    let queueDepth: Gauge
    let reconcileErrors: Counter

    public init() {
        // The names and label sets are fixed here, so registering them cannot fail.
        syncs = try! registry.counter("berth_syncs_total", help: "Syncs of the followed source by result.", labelNames: ["result"])
        syncDuration = try! registry.histogram("berth_sync_duration_seconds", help: "Time to plan and apply one commit.")
        objectsApplied = try! registry.counter("berth_objects_applied_total", help: "Objects created, updated or deleted by syncs.")
        driftDetected = try! registry.counter("berth_drift_detected_total", help: "Drift checks that found live state git does not hold.")
        driftCorrections = try! registry.counter("berth_drift_corrections_total", help: "Drifts put back to git.")
        queueDepth = try! registry.gauge(
            "berth_controller_queue_depth", help: "Keys waiting in each controller's work queue.", labelNames: ["controller"])
        reconcileErrors = try! registry.counter(
            "berth_reconcile_errors_total", help: "Controller reconciles that failed (and were retried).", labelNames: ["controller"])
    }
}
