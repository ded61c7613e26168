// The GitSource module.
