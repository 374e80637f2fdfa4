import { defineResourcePolicy } from "../../lib/definePolicy";
import { asArray, asRecord, asString, isSet } from "../../lib/values";

interface Config {
  /** Accept TLS origination that trusts the proxy's system CA bundle (caCertificates omitted). */
  readonly acceptSystemCaBundle: boolean;
}

const originatingModes = ["SIMPLE", "MUTUAL"];

/** TLS origination names the CA that vouches for the server (istioctl IST0128, IST0129 per port). */
export const requireCaCertificates = defineResourcePolicy<Config>({
  name: "istio-destinationrule-require-ca-certificates",
  description:
    "A DestinationRule that originates TLS (mode SIMPLE or MUTUAL) names the CA that verifies the server: " +
    "`caCertificates`, or a `credentialName` with a `workloadSelector`; without one the proxy trusts its whole system " +
    "CA bundle, so any public CA can vouch for the host (istioctl IST0128, IST0129 for a port). Set caCertificates, " +
    "or `acceptSystemCaBundle` for a stack that relies on the system bundle.",
  enforcementLevel: "advisory",
  severity: "low",
  configSchema: { properties: { acceptSystemCaBundle: { type: "boolean", default: false } } },
  kinds: ["DestinationRule"],
  check: (destinationRule, config) => {
    if (config.acceptSystemCaBundle) return [];
    const selected = isSet(destinationRule.spec.workloadSelector);
    const policy = asRecord(destinationRule.spec.trafficPolicy);
    const levels = [
      { path: "spec.trafficPolicy.tls", tls: asRecord(policy.tls), code: "IST0128" },
      ...asArray(policy.portLevelSettings).map((setting, i) => ({ path: `spec.trafficPolicy.portLevelSettings[${i}].tls`, tls: asRecord(asRecord(setting).tls), code: "IST0129" })),
    ];
    return levels
      .filter(({ tls }) => originatingModes.includes(asString(tls.mode) ?? "") && !asString(tls.caCertificates) && !(asString(tls.credentialName) && selected))
      .map(({ path, tls, code }) => ({
        path: `${path}.caCertificates`,
        found: undefined,
        expected: `the CA that verifies ${asString(destinationRule.spec.host) ?? "the host"} (mode ${String(tls.mode)})`,
        fix: "Set caCertificates to the server's CA bundle.",
        istioctlCode: code,
      }));
  },
});
