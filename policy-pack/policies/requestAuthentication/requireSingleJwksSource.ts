import { defineResourcePolicy } from "../../lib/definePolicy";
import { Finding } from "../../lib/messages";
import { asArray, asRecord, asString, isSet } from "../../lib/values";

/** Property 16: each JWT issuer has exactly one key source, fetched over https. */
export const requireSingleJwksSource = defineResourcePolicy({
  name: "istio-requestauthentication-require-single-jwks-source",
  description:
    "Each RequestAuthentication `jwtRules` entry must set exactly one of `jwksUri` (an https URL) or `jwks` " +
    "(property 16). Keep one key source and serve the JWKS over https.",
  enforcementLevel: "mandatory",
  severity: "critical",
  kinds: ["RequestAuthentication"],
  check: (requestAuthentication) => {
    const findings: Finding[] = [];
    asArray(requestAuthentication.spec.jwtRules).forEach((entry, i) => {
      const rule = asRecord(entry);
      const path = `spec.jwtRules[${i}]`;
      const uri = rule.jwksUri ?? rule.jwks_uri;
      const sources = [isSet(uri), isSet(rule.jwks)].filter(Boolean).length;
      if (sources !== 1) {
        findings.push({
          path: `${path}.jwksUri|jwks`,
          found: sources === 0 ? undefined : "both jwksUri and jwks",
          expected: "exactly one of jwksUri or jwks",
          fix: "Set either jwksUri or jwks, not both and not neither.",
        });
      } else if (isSet(uri) && !(asString(uri) ?? "").startsWith("https://")) {
        findings.push({ path: `${path}.jwksUri`, found: uri, expected: "an https:// URL", fix: "Serve the JWKS over https." });
      }
    });
    return findings;
  },
});
