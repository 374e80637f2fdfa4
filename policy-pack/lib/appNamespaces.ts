/** Which namespaces hold applications, the way istioctl's analyzers tell (IST0102). */
import { MeshInventory } from "./definePolicy";
import { isIstiodRelease, meshConfigOf } from "./helmReleases";
import { hasSelector } from "./peerAuthentication";
import { asString } from "./values";

const defaultRootNamespace = "istio-system";

/** Namespaces with their own namespace-wide PeerAuthentication, outside the mesh root namespace. */
export function appNamespaceNames(inventory: MeshInventory): Set<string> {
  const istiod = inventory.of("HelmRelease").find(isIstiodRelease);
  const rootNamespace = (istiod && asString(meshConfigOf(istiod).rootNamespace)) ?? istiod?.namespace ?? defaultRootNamespace;
  return new Set(
    inventory.of("PeerAuthentication")
      .filter((peerAuthentication) => !hasSelector(peerAuthentication.spec) && peerAuthentication.namespace !== rootNamespace)
      .map((peerAuthentication) => peerAuthentication.namespace),
  );
}
