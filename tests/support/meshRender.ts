import { meshObjects } from "../../components/mesh/specs/meshObjects";
import { type IstioObject, manifest } from "../../components/mesh/specs/common";
import { meshInput, type MeshSettings, resolveMesh } from "../../settings/mesh";
import type { MeshConfig } from "../arbitraries/meshConfig";
import { validateIstioObject } from "./istioSchema";

/** A generated config resolved as parseSettings would, with the problems it reported (expected: none). */
export function resolveMeshConfig(config: MeshConfig): { mesh: MeshSettings; problems: string[] } {
  const problems: string[] = [];
  const mesh = resolveMesh(meshInput.parse(config.mesh), { environment: config.environment, namespaces: config.namespaces, egressGatewayEnabled: true }, problems);
  return { mesh, problems };
}

/** Every Istio object the Mesh component would create for a generated config; throws if the config was rejected. */
export function renderMeshConfig(config: MeshConfig): { mesh: MeshSettings; objects: IstioObject[] } {
  const { mesh, problems } = resolveMeshConfig(config);
  if (problems.length > 0) throw new Error(`generated config rejected:\n${problems.join("\n")}`);
  return { mesh, objects: meshObjects(mesh, { mtlsMode: config.environment === "dev" ? "PERMISSIVE" : "STRICT", namespaces: config.namespaces, egressGateway: true }) };
}

/** `<Kind> <namespace>/<name>: <problem>` for every schema or CEL problem of the objects. */
export function schemaProblems(objects: readonly IstioObject[]): string[] {
  return objects.flatMap((object) => validateIstioObject(manifest(object)).map((problem) => `${object.kind} ${object.namespace}/${object.name}: ${problem}`));
}

export const ofKind = (objects: readonly IstioObject[], kind: IstioObject["kind"]) => objects.filter((object) => object.kind === kind);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

/** Mesh settings from a hand-written `istio-mesh:mesh` value with the app namespace `shop`; throws on problems. */
export function meshSettings(input: Record<string, unknown>, environment: MeshConfig["environment"] = "staging"): MeshSettings {
  return renderMeshConfig({ environment, namespaces: ["shop"], mesh: input }).mesh;
}
