import fc from "fast-check";

/** A DNS-1123 label usable as a Kubernetes name or namespace. */
export function kubernetesName(): fc.Arbitrary<string> {
  return fc.stringMatching(/^[a-z][a-z0-9-]{0,14}[a-z0-9]$/);
}
