/**
 * Argo CD's objects as its controller reads them (argoproj.io/v1alpha1, Argo CD v3): what an AppProject permits
 * (AppProject.IsGroupKindPermitted, IsSourcePermitted, IsDestinationPermitted), the Applications' sources and
 * destinations, and each instance's `argocd-cm` entries, wherever the stack sets them: the argo-cd Helm release's
 * `configs.cm`, an `argocd-cm` ConfigMap, or a ConfigMapPatch of an existing instance's.
 */
import type { MeshInventory } from "./definePolicy";
import { isArgocdRelease, releaseValues } from "./helmReleases";
import { istioKinds, type MeshResource } from "./meshResource";
import { asArray, asRecord, asString, asStringMap, type Json } from "./values";

export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** Argo CD's glob (`*` any text, `?` one character), anchored at both ends. */
export function globMatches(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`).test(text);
}

function restrictions(value: unknown): GroupKind[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((item) => asRecord(item)).map((item) => ({ group: asString(item.group) ?? "", kind: asString(item.kind) ?? "" }));
}

function inList(list: readonly GroupKind[] | undefined, resource: GroupKind): boolean {
  return (list ?? []).some((item) => globMatches(item.kind, resource.kind) && globMatches(item.group, resource.group));
}

/**
 * Whether the project lets its Applications sync a namespaced kind: no `namespaceResourceWhitelist` allows every
 * kind, a whitelist (even an empty one) only the kinds it lists; the blacklist then removes kinds.
 */
export function permitsNamespacedKind(project: MeshResource, resource: GroupKind): boolean {
  const whitelist = restrictions(project.spec.namespaceResourceWhitelist);
  const whitelisted = whitelist === undefined || inList(whitelist, resource);
  return whitelisted && !inList(restrictions(project.spec.namespaceResourceBlacklist), resource);
}

/** The group of an Istio kind, as Argo CD matches it. */
export function istioGroupKind(kind: keyof typeof istioKinds): GroupKind {
  return { group: istioKinds[kind].group, kind };
}

/** Every Istio kind (the pack's list), as group and kind. */
export const allIstioGroupKinds: readonly GroupKind[] = (Object.keys(istioKinds) as Array<keyof typeof istioKinds>).map(istioGroupKind);

/** The Istio kinds an Application of this project may sync; every one when the stack does not declare the project. */
export function syncableIstioKinds(project: MeshResource | undefined): GroupKind[] {
  return allIstioGroupKinds.filter((groupKind) => project === undefined || permitsNamespacedKind(project, groupKind));
}

/** `spec.project`, `default` when empty (Argo CD's own project, which permits everything). */
export function projectName(application: MeshResource): string {
  return asString(application.spec.project) || "default";
}

/** The AppProjects of the stack by `<namespace>/<name>`. */
export function projectsByName(inventory: MeshInventory): Map<string, MeshResource> {
  return new Map(inventory.of("AppProject").map((project) => [`${project.namespace}/${project.name}`, project]));
}

export function projectOf(application: MeshResource, projects: ReadonlyMap<string, MeshResource>): MeshResource | undefined {
  return projects.get(`${application.namespace}/${projectName(application)}`);
}

/** Patterns with a leading `!` deny; the rest allow. A value passes when some allowing pattern matches and no denying one. */
function permittedBy(patterns: readonly string[], value: string): boolean {
  const denied = patterns.filter((pattern) => pattern.startsWith("!")).some((pattern) => globMatches(pattern.slice(1), value));
  return !denied && patterns.filter((pattern) => !pattern.startsWith("!")).some((pattern) => globMatches(pattern, value));
}

/** Argo CD compares repository URLs without a trailing `.git` or `/` and case-insensitively. */
export function normalizeRepository(url: string): string {
  return url.toLowerCase().replace(/\/+$/, "").replace(/\.git$/, "");
}

export function permitsRepository(project: MeshResource, url: string): boolean {
  const patterns = asArray(project.spec.sourceRepos).filter((item): item is string => typeof item === "string");
  return permittedBy(patterns.map((pattern) => (pattern.startsWith("!") ? `!${normalizeRepository(pattern.slice(1))}` : normalizeRepository(pattern))), normalizeRepository(url));
}

export interface Destination {
  readonly server?: string;
  readonly name?: string;
  readonly namespace: string;
}

export function permitsDestination(project: MeshResource, destination: Destination): boolean {
  const entries = asArray(project.spec.destinations).map((entry) => asRecord(entry));
  const clusterMatches = (entry: Json) =>
    (destination.server !== undefined && asString(entry.server) !== undefined && globMatches(asString(entry.server) ?? "", destination.server)) ||
    (destination.name !== undefined && asString(entry.name) !== undefined && globMatches(asString(entry.name) ?? "", destination.name));
  const namespaces = entries.filter(clusterMatches).map((entry) => asString(entry.namespace) ?? "");
  return permittedBy(namespaces, destination.namespace);
}

/** An Application's sources: `spec.source` and each of `spec.sources`, with their paths for messages. */
export function applicationSources(spec: Json, prefix = "spec"): Array<{ path: string; repoURL: string | undefined }> {
  const single = spec.source === undefined ? [] : [{ path: `${prefix}.source.repoURL`, repoURL: asString(asRecord(spec.source).repoURL) }];
  const several = asArray(spec.sources).map((source, i) => ({ path: `${prefix}.sources[${i}].repoURL`, repoURL: asString(asRecord(source).repoURL) }));
  return [...single, ...several];
}

/** Where an Argo CD instance's `argocd-cm` entries come from in the stack. */
export interface ArgocdConfigSource {
  readonly resource: MeshResource;
  /** The field path of the entries in the resource. */
  readonly path: string;
  readonly entries: Record<string, string>;
}

export const argocdConfigMapName = "argocd-cm";

/** The `argocd-cm` entries the stack sets, by the namespace of the instance they configure. */
export function argocdConfigSources(inventory: MeshInventory): Map<string, ArgocdConfigSource[]> {
  const sources = new Map<string, ArgocdConfigSource[]>();
  const add = (namespace: string, source: ArgocdConfigSource) => sources.set(namespace, [...(sources.get(namespace) ?? []), source]);
  for (const release of inventory.of("HelmRelease").filter(isArgocdRelease)) {
    add(release.namespace, { resource: release, path: "values.configs.cm", entries: asStringMap(asRecord(asRecord(releaseValues(release).configs).cm)) });
  }
  for (const kind of ["ConfigMap", "ConfigMapPatch"] as const) {
    for (const configMap of inventory.of(kind).filter((resource) => resource.name === argocdConfigMapName)) {
      add(configMap.namespace, { resource: configMap, path: "data", entries: asStringMap(configMap.props.data) });
    }
  }
  return sources;
}

const healthPrefix = "resource.customizations.health.";

/**
 * The health check a kind gets from these entries, as Argo CD looks it up: the key `<group>_<Kind>` (`<Kind>` for the
 * core group), else a key whose `<group>_<Kind>` is a glob matching it.
 */
export function healthCheckOf(entries: Readonly<Record<string, string>>, resource: GroupKind): { key: string; script: string } | undefined {
  const exact = `${healthPrefix}${resource.group === "" ? resource.kind : `${resource.group}_${resource.kind}`}`;
  if (entries[exact] !== undefined) return { key: exact, script: entries[exact] };
  const target = resource.group === "" ? resource.kind : `${resource.group}/${resource.kind}`;
  const key = Object.keys(entries)
    .filter((candidate) => candidate.startsWith(healthPrefix))
    .find((candidate) => globMatches(candidate.slice(healthPrefix.length).replace("_", "/"), target));
  return key === undefined ? undefined : { key, script: entries[key] };
}
