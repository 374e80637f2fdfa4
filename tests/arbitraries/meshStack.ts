import fc from "fast-check";
import { OfflineResource } from "../../policy-pack/offline";
import { syntheticMesh } from "../support/syntheticMesh";
import { kubernetesName } from "./kubernetesName";

/** A valid cross-referenced mesh with 1–2 application namespaces (names prefixed to stay clear of istio-*). */
export function meshStack(): fc.Arbitrary<{ namespaces: string[]; resources: OfflineResource[] }> {
  return fc
    .uniqueArray(kubernetesName().map((name) => `app-${name}`), { minLength: 1, maxLength: 2 })
    .map((namespaces) => ({ namespaces, resources: syntheticMesh(namespaces) }));
}
