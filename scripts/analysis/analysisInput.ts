import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments, stringify } from "yaml";
import type { Settings } from "../../settings";
import { type HelmRelease, helmReleases } from "../offline/helmFiles";
import { manifestFiles } from "../offline/manifestFiles";
import { secretPlaceholder } from "../offline/stackConfig";
import type { Registration } from "../offline/mockEngine";
import type { AnalyzerMessage, InputSource, StandInLimit } from "./findings";
import { istioReleases } from "./istioCharts";
import { appPodStandIns, appServiceStandIns, argocdStandIns, injectedProxyImage, podStandIns, type StandIn, tlsSecretStandIns } from "./standIns";

type Json = Record<string, unknown>;

/** The files istioctl analyzes, each with where it comes from. */
export interface AnalysisInput {
  /** Absolute path → the resource of the stack, the chart release, or the stand-in it holds. */
  readonly sources: ReadonlyMap<string, InputSource>;
  readonly files: readonly string[];
  /** The mesh config istiod would run with (istiod's `meshConfig` values), or undefined for Istio's defaults. */
  readonly meshConfigFile?: string;
  readonly standIns: readonly StandIn[];
  readonly standInLimit: StandInLimit;
}

/** How the render prints a resource: type and name. */
export function ownerOf(registration: Registration): string {
  return `${registration.type} ${registration.name}`;
}

/** istioctl's name for an object: `<Kind> <namespace>/<name>`, or `<Kind> <name>` without a namespace. */
export function objectName(object: Json): string {
  const metadata = (object.metadata ?? {}) as Json;
  return metadata.namespace === undefined ? `${String(object.kind)} ${String(metadata.name)}` : `${String(object.kind)} ${String(metadata.namespace)}/${String(metadata.name)}`;
}

function objectsOf(yamlText: string): Json[] {
  return parseAllDocuments(yamlText)
    .map((document) => document.toJSON() as unknown)
    .filter((object): object is Json => object !== null && typeof object === "object" && typeof (object as Json).kind === "string");
}

/**
 * The stand-ins for what exists only at runtime, each attributed to the resource its source object belongs to
 * (the Certificate, the release whose chart renders the Deployment) or to the config key it is built from.
 */
export function standInSources(standIns: readonly StandIn[], owners: ReadonlyMap<string, InputSource>): Map<StandIn, InputSource> {
  return new Map(
    standIns.map((standIn) => {
      const owner = owners.get(standIn.derivedFrom);
      return [standIn, { owner: owner?.owner ?? `istio-mesh:${standIn.derivedFrom}`, via: `stand-in: ${standIn.standsFor}`, standIn: true }];
    }),
  );
}

/** A Secret's values never reach the render (they print as `[secret]`); istioctl needs only its name and type. */
function withoutSecretValues(manifest: Json): Json {
  if (manifest.kind !== "Secret") return manifest;
  return Object.fromEntries(Object.entries(manifest).filter(([key, value]) => !((key === "data" || key === "stringData") && value === secretPlaceholder)));
}

function write(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/**
 * Writes the analysis input below `inputDir`: every Kubernetes object of the render (`manifests/`), each Istio
 * release as its chart renders it (`charts/<release>.yaml`), the stand-ins (`stand-ins/`), and istiod's mesh
 * config. `renderedCharts` maps an Istio release name to its `helm template` output.
 */
export function writeAnalysisInput(
  registrations: readonly Registration[],
  renderedCharts: ReadonlyMap<string, string>,
  settings: Settings,
  inputDir: string,
): AnalysisInput {
  fs.rmSync(inputDir, { recursive: true, force: true });
  const sources = new Map<string, InputSource>();
  const owners = new Map<string, InputSource>();
  const objects: Json[] = [];

  for (const file of manifestFiles(registrations)) {
    const target = path.join(inputDir, file.path);
    const manifest = withoutSecretValues(file.manifest);
    write(target, stringify(manifest));
    const source = { owner: ownerOf(file.registration), standIn: false };
    sources.set(target, source);
    owners.set(objectName(manifest), source);
    objects.push(manifest);
  }

  const releases = istioReleases(helmReleases(registrations));
  for (const release of releases) {
    const rendered = renderedCharts.get(release.chart.release);
    if (rendered === undefined) continue;
    const target = path.join(inputDir, "charts", `${release.chart.release}.yaml`);
    write(target, rendered);
    const source = { owner: ownerOf(release.registration), via: `rendered by chart ${release.chart.chart}`, standIn: false };
    sources.set(target, source);
    for (const object of objectsOf(rendered)) {
      owners.set(objectName(object), source);
      objects.push(object);
    }
  }

  const proxyImage = injectedProxyImage(objects);
  const standIns = [
    ...podStandIns(objects, proxyImage),
    ...tlsSecretStandIns(objects),
    ...appServiceStandIns(settings.mesh.services),
    ...appPodStandIns(settings.mesh.services, proxyImage),
    ...argocdStandIns(settings.argocd, proxyImage),
  ];
  for (const [standIn, source] of standInSources(standIns, owners)) {
    const target = path.join(inputDir, "stand-ins", `${objectName(standIn.object).replace(/[ /]/g, "-")}.yaml`);
    write(target, stringify(standIn.object));
    sources.set(target, source);
  }

  const meshConfig = istiodMeshConfig(releases);
  const meshConfigFile = meshConfig === undefined ? undefined : path.join(inputDir, "mesh-config.yaml");
  if (meshConfigFile !== undefined) write(meshConfigFile, stringify(meshConfig));
  return { sources, files: [...sources.keys()], meshConfigFile, standIns, standInLimit: credentialContentLimit(objects, standIns) };
}

const invalidGatewayCredential = "IST0161";

/**
 * istioctl's IST0161 parses the certificate inside a Gateway's credential Secret. Where every Secret a Gateway
 * names is a stand-in, cert-manager writes the certificate at runtime and the finding says nothing about the stack.
 */
export function credentialContentLimit(objects: readonly Json[], standIns: readonly StandIn[]): StandInLimit {
  const standInSecrets = new Set(standIns.filter(({ object }) => object.kind === "Secret").map(({ object }) => String((object.metadata as Json).name)));
  const credentialsOf = new Map(
    objects
      .filter((object) => object.kind === "Gateway" && String(object.apiVersion ?? "").startsWith("networking.istio.io/"))
      .map((gateway) => {
        const servers = ((gateway.spec as Json | undefined)?.servers ?? []) as { tls?: { credentialName?: string } }[];
        return [objectName(gateway), servers.map((server) => server.tls?.credentialName).filter((name): name is string => name !== undefined)];
      }),
  );
  return (message: AnalyzerMessage) => {
    if (message.code !== invalidGatewayCredential || message.origin === undefined) return undefined;
    const credentials = credentialsOf.get(message.origin) ?? [];
    return credentials.length > 0 && credentials.every((name) => standInSecrets.has(name))
      ? "it parses the certificate in the Gateway's credential Secret, which cert-manager writes at runtime (the stand-in Secret has its name and type only)"
      : undefined;
  };
}

/** istiod's `meshConfig` values: the MeshConfig the chart writes into its ConfigMap, over Istio's defaults. */
function istiodMeshConfig(releases: readonly HelmRelease[]): Json | undefined {
  const istiod = releases.find((release) => release.chart.chart === "istiod");
  return istiod === undefined ? undefined : ((istiod.values.meshConfig ?? {}) as Json);
}
