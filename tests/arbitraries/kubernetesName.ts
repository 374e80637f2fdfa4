import fc from "fast-check";

// Built once: fast-check compiles the pattern into an arbitrary, which costs more than drawing from it.
const dns1123Label = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}[a-z0-9]$/);

/** A DNS-1123 label usable as a Kubernetes name or namespace. */
export function kubernetesName(): fc.Arbitrary<string> {
  return dns1123Label;
}
