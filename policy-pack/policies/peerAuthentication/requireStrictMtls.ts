import { defineResourcePolicy } from "../../lib/definePolicy";
import { Finding } from "../../lib/messages";
import { peerAuthenticationModes } from "../../lib/peerAuthentication";

interface StrictMtlsConfig {
  /** Whether PERMISSIVE is acceptable (dev, while workloads join the mesh). */
  readonly allowPermissive: boolean;
}

/** Property 3: mutual TLS is enforced, not merely offered. */
export const requireStrictMtls = defineResourcePolicy<StrictMtlsConfig>({
  name: "istio-peerauthentication-require-strict-mtls",
  description:
    "A namespace-wide or mesh-wide PeerAuthentication must set `mtls.mode: STRICT`, and no PeerAuthentication " +
    "may relax a workload or port to PERMISSIVE unless `allowPermissive` is true (property 3; dev may be " +
    "PERMISSIVE). Set mtls.mode to STRICT.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      allowPermissive: { type: "boolean", default: false, description: "Accept PERMISSIVE mTLS." },
    },
  },
  kinds: ["PeerAuthentication"],
  check: (peerAuthentication, config) => {
    const findings: Finding[] = [];
    for (const { path, mode, scope } of peerAuthenticationModes(peerAuthentication.spec)) {
      const inherits = mode === undefined || mode === "UNSET";
      const unacceptable =
        (mode === "PERMISSIVE" && !config.allowPermissive) || (inherits && scope === "namespace");
      if (unacceptable) {
        findings.push({
          path,
          found: mode,
          expected: config.allowPermissive ? "STRICT or PERMISSIVE" : "STRICT",
          fix: "Set the mTLS mode to STRICT.",
        });
      }
    }
    return findings;
  },
});
