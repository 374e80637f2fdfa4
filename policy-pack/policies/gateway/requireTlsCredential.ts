import { defineResourcePolicy } from "../../lib/definePolicy";
import { credentialNamesOf, servers, terminatesTls, usesWorkloadCertificate } from "../../lib/gateway";
import { Finding } from "../../lib/messages";
import { asRecord } from "../../lib/values";

const terminatingModes = ["SIMPLE", "MUTUAL"];

/** Property 9 (first half): every TLS-terminating server has a mode and a certificate secret, or is mesh-only. */
export const requireTlsCredential = defineResourcePolicy({
  name: "istio-gateway-require-tls-credential",
  description:
    "Every HTTPS Gateway server (and TLS server that is not passthrough) facing clients outside the mesh must set " +
    "`tls.mode` SIMPLE or MUTUAL and a `tls.credentialName` (or `tls.credentialNames`) (property 9); a TLS server " +
    "whose `tls` sets no mode is passthrough. A server with `tls.mode` ISTIO_MUTUAL accepts mesh traffic only and " +
    "uses the workload certificates: it names no secret (istiod rejects one). Set the mode and name the " +
    "certificate's secret, or use ISTIO_MUTUAL for sidecars calling the gateway.",
  enforcementLevel: "mandatory",
  severity: "critical",
  kinds: ["Gateway"],
  check: (gateway) => {
    const findings: Finding[] = [];
    for (const { path, value: server } of servers(gateway.spec).filter(({ value }) => terminatesTls(value))) {
      const credentials = credentialNamesOf(server);
      if (usesWorkloadCertificate(server)) {
        findings.push(
          ...credentials.map(({ path: field, value }) => ({
            path: `${path}.${field}`,
            found: value,
            expected: "no secret (ISTIO_MUTUAL serves the gateway's workload certificate)",
            fix: `Remove ${field}, or use tls.mode SIMPLE for clients outside the mesh.`,
          })),
        );
        continue;
      }
      const mode = asRecord(server.tls).mode;
      if (!terminatingModes.includes(String(mode))) {
        findings.push({
          path: `${path}.tls.mode`,
          found: mode,
          expected: "SIMPLE or MUTUAL (or ISTIO_MUTUAL for mesh traffic)",
          fix: "Set tls.mode to SIMPLE (or MUTUAL for client certificates; ISTIO_MUTUAL where only sidecars call the gateway).",
        });
      }
      if (credentials.length === 0) {
        findings.push({ path: `${path}.tls.credentialName`, found: undefined, expected: "the name of a TLS secret", fix: "Set tls.credentialName to the secret a cert-manager Certificate writes." });
      }
    }
    return findings;
  },
});
