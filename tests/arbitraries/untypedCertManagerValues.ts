import fc from "fast-check";

/** Top-level keys of the cert-manager v1.21.1 chart that the cert-manager component does not type. */
const untypedKeys = ["crds", "podDisruptionBudget", "namespace", "enableCertificateOwnerRef", "maxConcurrentChallenges", "config", "livenessProbe", "volumes", "topologySpreadConstraints", "extraObjects"];

/** `helmOptions.values` made only of keys the component leaves alone, so all of them reach the chart. */
export function untypedCertManagerValues(): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(fc.constantFrom(...untypedKeys), fc.oneof(fc.boolean(), fc.nat(100), fc.record({ enabled: fc.boolean() })), { maxKeys: untypedKeys.length });
}
