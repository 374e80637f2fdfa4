import { defineResourcePolicy } from "../../lib/definePolicy";
import { servers } from "../../lib/gateway";
import { asRecord, isSet } from "../../lib/values";

export const requiredTlsVersion = "TLSV1_3";

/** Property 4 (Gateway part): a minimum TLS version, where set, is TLS 1.3. */
export const requireTls13 = defineResourcePolicy({
  name: "istio-gateway-require-tls13",
  description:
    `Where a Gateway server sets \`tls.minProtocolVersion\` it must be ${requiredTlsVersion} (property 4). ` +
    `Set minProtocolVersion: ${requiredTlsVersion}.`,
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["Gateway"],
  check: (gateway) =>
    servers(gateway.spec)
      .map(({ path, value }) => ({ path: `${path}.tls.minProtocolVersion`, version: asRecord(value.tls).minProtocolVersion }))
      .filter(({ version }) => isSet(version) && version !== requiredTlsVersion)
      .map(({ path, version }) => ({
        path,
        found: version,
        expected: requiredTlsVersion,
        fix: `Set minProtocolVersion to ${requiredTlsVersion}.`,
      })),
});
