// The Manifests module.
