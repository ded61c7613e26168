// The Nodes module.
