import { tlsSettings } from "../../lib/destinationRule";
import { defineResourcePolicy } from "../../lib/definePolicy";

const originatingModes = ["SIMPLE", "MUTUAL"];

/** TLS origination that actually authenticates the server. */
export const requireServerVerification = defineResourcePolicy({
  name: "istio-destinationrule-require-server-verification",
  description:
    "A DestinationRule that originates TLS (mode SIMPLE or MUTUAL) must verify the server certificate: " +
    "`insecureSkipVerify` must not be true. Remove insecureSkipVerify and set " +
    "caCertificates or credentialName if the server uses a private CA.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["DestinationRule"],
  check: (destinationRule) =>
    tlsSettings(destinationRule.spec)
      .filter(({ value }) => originatingModes.includes(String(value.mode)) && value.insecureSkipVerify === true)
      .map(({ path }) => ({
        path: `${path}.insecureSkipVerify`,
        found: true,
        expected: "false or not set",
        fix: "Remove insecureSkipVerify; trust the server's CA with caCertificates or credentialName instead.",
      })),
});
