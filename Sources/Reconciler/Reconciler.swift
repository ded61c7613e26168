// The Reconciler module.
