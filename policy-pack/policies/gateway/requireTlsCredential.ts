import { defineResourcePolicy } from "../../lib/definePolicy";
import { credentialNameOf, servers, terminatesTls } from "../../lib/gateway";
import { Finding } from "../../lib/messages";
import { asRecord } from "../../lib/values";

const terminatingModes = ["SIMPLE", "MUTUAL"];

/** Property 9 (first half): every TLS-terminating server has a mode and a certificate secret. */
export const requireTlsCredential = defineResourcePolicy({
  name: "istio-gateway-require-tls-credential",
  description:
    "Every HTTPS Gateway server (and TLS server that is not passthrough) must set `tls.mode` SIMPLE or MUTUAL " +
    "and a `tls.credentialName` (or `tls.credentialNames`) (seed property 9); a TLS server whose `tls` sets no mode " +
    "is passthrough. Set the mode and name the certificate's secret.",
  enforcementLevel: "mandatory",
  severity: "critical",
  kinds: ["Gateway"],
  check: (gateway) => {
    const findings: Finding[] = [];
    for (const { path, value: server } of servers(gateway.spec).filter(({ value }) => terminatesTls(value))) {
      const mode = asRecord(server.tls).mode;
      if (!terminatingModes.includes(String(mode))) {
        findings.push({ path: `${path}.tls.mode`, found: mode, expected: "SIMPLE or MUTUAL", fix: "Set tls.mode to SIMPLE (or MUTUAL for client certificates)." });
      }
      if (!credentialNameOf(server)) {
        findings.push({ path: `${path}.tls.credentialName`, found: undefined, expected: "the name of a TLS secret", fix: "Set tls.credentialName to the secret a cert-manager Certificate writes." });
      }
    }
    return findings;
  },
});
