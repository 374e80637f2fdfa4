import { tlsSettings } from "../../lib/destinationRule";
import { defineResourcePolicy } from "../../lib/definePolicy";
import { isInMeshHost, qualifyHost } from "../../lib/hosts";
import { asString } from "../../lib/values";

/** Mesh traffic stays encrypted: no client-side opt-out for in-mesh services. */
export const forbidMeshTlsDisable = defineResourcePolicy({
  name: "istio-destinationrule-forbid-mesh-tls-disable",
  description:
    "A DestinationRule for an in-mesh host (`*.svc.cluster.local` or a short name) must not set `tls.mode: " +
    "DISABLE`: it turns off mutual TLS to that service. Use ISTIO_MUTUAL or leave tls unset.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["DestinationRule"],
  check: (destinationRule) => {
    const host = qualifyHost(asString(destinationRule.spec.host) ?? "", destinationRule.namespace);
    if (!isInMeshHost(host)) {
      return [];
    }
    return tlsSettings(destinationRule.spec)
      .filter(({ value }) => value.mode === "DISABLE")
      .map(({ path }) => ({
        path: `${path}.mode`,
        found: "DISABLE",
        expected: "ISTIO_MUTUAL or not set",
        fix: `Remove tls.mode DISABLE for in-mesh host ${host}.`,
      }));
  },
});
