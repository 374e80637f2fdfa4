import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { isIstiodRelease, releaseValues } from "../../lib/helmReleases";
import { describeResource } from "../../lib/meshResource";
import { asArray, asRecord, asString } from "../../lib/values";

const variable = "BLOCKED_CIDRS_IN_JWKS_URIS";

/** istiod restricts where it fetches JWKS from once a RequestAuthentication exists (istioctl IST0175). */
export const requireJwksBlockedCidrs = defineStackPolicy({
  name: "istio-meshconfig-require-jwks-blocked-cidrs",
  description:
    `Where the stack declares RequestAuthentications, istiod must set ${variable} (istiod release ` +
    "`env`, or the env of a declared istiod Deployment), so a `jwksUri` cannot make istiod fetch from internal " +
    "addresses (istioctl IST0175). Set it to the ranges istiod must not reach (loopback, link-local, private networks).",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["RequestAuthentication", "Deployment", "HelmRelease"],
  check: (inventory) => {
    const authentications = inventory.of("RequestAuthentication");
    if (authentications.length === 0) return [];
    const names = authentications.map(describeResource).slice(0, 5).join(", ") + (authentications.length > 5 ? `, and ${authentications.length - 5} more` : "");
    const findings: StackFinding[] = [];
    for (const release of inventory.of("HelmRelease").filter(isIstiodRelease)) {
      // The istiod chart renders `values.env` into istiod's container (istio-discovery templates/deployment.yaml).
      const value = asRecord(releaseValues(release).env)[variable];
      if (!(typeof value === "string" && value !== "")) {
        findings.push({ resource: release, path: `values.env.${variable}`, found: value, expected: `the CIDRs istiod must not fetch JWKS from (RequestAuthentications: ${names})`, fix: `Set env.${variable} in the istiod release's values.` });
      }
    }
    for (const deployment of inventory.of("Deployment").filter((candidate) => candidate.labels.app === "istiod")) {
      const containers = asArray(asRecord(asRecord(deployment.spec.template).spec).containers).map(asRecord);
      const set = containers.some((container) => asArray(container.env).map(asRecord).some((env) => env.name === variable && (asString(env.value) ?? "") !== ""));
      if (!set) {
        findings.push({ resource: deployment, path: "spec.template.spec.containers[].env", found: undefined, expected: `${variable} set (RequestAuthentications: ${names})`, fix: `Add ${variable} to istiod's environment.` });
      }
    }
    return findings;
  },
});
