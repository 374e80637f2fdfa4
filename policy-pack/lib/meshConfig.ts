/**
 * The mesh config a stack gives istiod: its istiod Helm release's `meshConfig` values, else the `mesh` key of the
 * `istio` ConfigMap in `istio-system` (how a mesh installed by other means keeps it), else Istio's defaults.
 */
import { parse } from "yaml";
import { isIstiodRelease, releaseValues } from "./helmReleases";
import { Kind, MeshResource } from "./meshResource";
import { asRecord, asString, isRecord, Json } from "./values";

export const meshConfigSourceKinds: readonly Kind[] = ["HelmRelease", "ConfigMap"];

export interface MeshSettings {
  /** The mesh config (empty: Istio's defaults). */
  readonly meshConfig: Json;
  /** MeshNetworks: `{ networks: { <network>: { endpoints, gateways } } }` (empty when none is set). */
  readonly meshNetworks: Json;
  /** The istiod release's values (empty when the stack has none). */
  readonly istiodValues: Json;
  /** Where the settings are declared, for findings about them. */
  readonly source?: MeshResource;
  readonly rootNamespace: string;
}

function parseYaml(text: unknown): Json {
  if (typeof text !== "string") return {};
  try {
    const parsed: unknown = parse(text);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

export function meshSettingsOf(resources: { of(kind: Kind): readonly MeshResource[] }): MeshSettings {
  const istiod = resources.of("HelmRelease").find(isIstiodRelease);
  if (istiod) {
    const values = releaseValues(istiod);
    const meshConfig = asRecord(values.meshConfig);
    return {
      meshConfig,
      meshNetworks: { networks: asRecord(asRecord(values.global).meshNetworks) },
      istiodValues: values,
      source: istiod,
      rootNamespace: asString(meshConfig.rootNamespace) ?? istiod.namespace,
    };
  }
  const configMap = resources.of("ConfigMap").find((map) => map.name === "istio" && map.namespace === "istio-system");
  const data = asRecord(configMap?.props.data);
  const meshConfig = parseYaml(data.mesh);
  return {
    meshConfig,
    meshNetworks: parseYaml(data.meshNetworks),
    istiodValues: {},
    source: configMap,
    rootNamespace: asString(meshConfig.rootNamespace) ?? "istio-system",
  };
}
