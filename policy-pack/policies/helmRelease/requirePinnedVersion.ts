import { defineResourcePolicy } from "../../lib/definePolicy";
import { at } from "../../lib/values";

const exactVersion = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Reproducible installs: every chart is pinned to one exact version. */
export const requirePinnedVersion = defineResourcePolicy({
  name: "istio-helmrelease-require-pinned-version",
  description:
    "Every Helm release (and the cert-manager component's `helmOptions.version`) must pin an exact chart version " +
    "such as 1.30.4 or v1.21.1 — no ranges, no latest. Set the version to the release the stack was tested with.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["HelmRelease", "CertManager"],
  check: (release) => {
    const isComponent = release.kind === "CertManager";
    const version = isComponent ? at(release.props, "helmOptions", "version") : release.props.version;
    if (typeof version === "string" && exactVersion.test(version)) {
      return [];
    }
    return [{
      path: isComponent ? "helmOptions.version" : "version",
      found: version,
      expected: "an exact version such as 1.30.4",
      fix: "Pin the chart to one exact version.",
    }];
  },
});
