import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { isIstiodRelease, releaseValues } from "../../lib/helmReleases";
import { ignoredNamespaces } from "../../lib/ignoredNamespaces";
import { MeshResource } from "../../lib/meshResource";
import { asRecord, isRecord } from "../../lib/values";
import { dataplaneModeLabel, injectionLabel, revisionLabel } from "./forbidConflictingInjectionLabels";

/**
 * Whether istiod injects namespaces without a label (`sidecarInjectorWebhook.enableNamespacesByDefault`): its
 * release values, or the `values` JSON of a declared `istio-sidecar-injector` ConfigMap.
 */
function injectsByDefault(releases: readonly MeshResource[], configMaps: readonly MeshResource[]): boolean {
  const istiod = releases.find(isIstiodRelease);
  if (istiod) return asRecord(releaseValues(istiod).sidecarInjectorWebhook).enableNamespacesByDefault === true;
  const injector = configMaps.find((map) => map.name === "istio-sidecar-injector");
  try {
    const values: unknown = JSON.parse(String(asRecord(injector?.props.data).values ?? "{}"));
    return isRecord(values) && asRecord(values.sidecarInjectorWebhook).enableNamespacesByDefault === true;
  } catch {
    return false;
  }
}

/** Every namespace says whether it is injected (istioctl IST0102; IST0148 where istiod injects unlabelled ones). */
export const requireInjectionLabel = defineStackPolicy({
  name: "istio-namespace-require-injection-label",
  description:
    `Every Namespace outside istio-system and Kubernetes' own states its sidecar injection with \`${injectionLabel}: ` +
    `enabled|disabled\` or \`${revisionLabel}\` (or runs ambient), so whether its pods join the mesh does not hang on ` +
    "istiod's defaults (istioctl IST0102; IST0148 when istiod injects unlabelled namespaces). Label the namespace.",
  enforcementLevel: "advisory",
  severity: "low",
  kinds: ["Namespace", "HelmRelease", "ConfigMap"],
  check: (inventory) => {
    const byDefault = injectsByDefault(inventory.of("HelmRelease"), inventory.of("ConfigMap"));
    return inventory
      .of("Namespace")
      .filter((namespace) => namespace.name !== "istio-system" && !ignoredNamespaces.has(namespace.name))
      .filter(({ labels }) => labels[dataplaneModeLabel] !== "ambient" && labels[injectionLabel] === undefined && labels[revisionLabel] === undefined)
      .map(
        (namespace): StackFinding => ({
          resource: namespace,
          path: "metadata.labels",
          found: namespace.labels,
          expected: `${injectionLabel}: enabled or disabled, or ${revisionLabel}: <revision>${byDefault ? " (istiod injects unlabelled namespaces: enableNamespacesByDefault)" : ""}`,
          fix: `Label the namespace ${injectionLabel}=enabled to inject its pods, or ${injectionLabel}=disabled.`,
          istioctlCode: byDefault ? "IST0148" : "IST0102",
        }),
      );
  },
});
