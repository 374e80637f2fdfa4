import { defineResourcePolicy } from "../../lib/definePolicy";
import { isIstiodRelease, meshConfigOf } from "../../lib/helmReleases";
import { at, isSet } from "../../lib/values";
import { requiredTlsVersion } from "../gateway/requireTls13";

/** Property 4 (mesh part): the mesh's minimum mTLS version, where set, is TLS 1.3. */
export const requireMeshMtlsTls13 = defineResourcePolicy({
  name: "istio-helmrelease-require-mesh-mtls-tls13",
  description:
    `Where istiod's meshConfig sets \`meshMTLS.minProtocolVersion\` it must be ${requiredTlsVersion} (` +
    `property 4). Set meshMTLS.minProtocolVersion: ${requiredTlsVersion}.`,
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["HelmRelease"],
  check: (release) => {
    if (!isIstiodRelease(release)) {
      return [];
    }
    const version = at(meshConfigOf(release), "meshMTLS", "minProtocolVersion");
    return isSet(version) && version !== requiredTlsVersion
      ? [{
          path: "values.meshConfig.meshMTLS.minProtocolVersion",
          found: version,
          expected: requiredTlsVersion,
          fix: `Set meshMTLS.minProtocolVersion to ${requiredTlsVersion}.`,
        }]
      : [];
  },
});
