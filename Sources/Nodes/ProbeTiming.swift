import Resources

/// When a probe first passes, as a delay after the container starts.
///
/// The simulated prober ticks at the container's start and every `periodSeconds` after; ticks before
/// `initialDelaySeconds` are skipped, and `successThreshold` consecutive passes are needed. So the
/// probe passes at (⌈initialDelay / period⌉ + successThreshold − 1) × period. Worked through:
/// initialDelay 5, period 10, threshold 1 → first counted tick at 10 s → passes at 10 s;
/// initialDelay 0, period 10, threshold 3 → ticks 0, 10, 20 → passes at 20 s. A real kubelet's ticks
/// start from a random offset; fixing them at the container's start keeps the simulation exact.
enum ProbeTiming {
    static func delay(_ probe: Value?) -> Double {
        guard let probe, probe.objectValue != nil else { return 0 }
        let initialDelay = Double(max(probe["initialDelaySeconds"]?.intValue ?? 0, 0))
        let period = Double(max(probe["periodSeconds"]?.intValue ?? 10, 1))
        let threshold = Double(max(probe["successThreshold"]?.intValue ?? 1, 1))
        return ((initialDelay / period).rounded(.up) + threshold - 1) * period
    }
}
