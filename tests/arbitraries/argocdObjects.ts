import fc from "fast-check";
import type { OfflineResource } from "../../policy-pack/offline";
import { application, appProject } from "../support/argocdFactories";
import { kubernetesName } from "./kubernetesName";

/** A team: its AppProject (its namespaces, its repository) and Applications deploying into those namespaces. */
export interface ArgocdTeamObjects {
  readonly project: OfflineResource;
  readonly applications: readonly OfflineResource[];
  readonly namespaces: readonly string[];
}

export function argocdTeamObjects(): fc.Arbitrary<ArgocdTeamObjects> {
  return fc
    .record({ namespaces: fc.uniqueArray(kubernetesName(), { minLength: 1, maxLength: 3 }), names: fc.uniqueArray(kubernetesName(), { minLength: 1, maxLength: 4 }), pick: fc.nat() })
    .map(({ namespaces, names, pick }) => ({
      namespaces,
      project: appProject("storefront", namespaces),
      applications: names.map((name, i) => {
        const app = application(name);
        const spec = (app.props as { spec: { destination: { namespace: string } } }).spec;
        return { ...app, props: { ...app.props, spec: { ...spec, destination: { ...spec.destination, namespace: namespaces[(pick + i) % namespaces.length] } } } };
      }),
    }));
}

/** A whitelist entry that permits one of the mesh-wide kinds by a glob or by name. */
export const meshWideGrant = fc.constantFrom(
  { kind: "PeerAuthentication", entry: { group: "security.istio.io", kind: "PeerAuthentication" } },
  { kind: "EnvoyFilter", entry: { group: "networking.istio.io", kind: "*" } },
  { kind: "Sidecar", entry: { group: "*", kind: "Sidecar" } },
);
