/**
 * Who serves each `istio.io/rev` value in a rendered stack, and what changes between two consecutive `pulumi up`s
 * of a procedure. A webhook belongs to its owner: a Helm release (the istiod chart renders its revision's injector
 * and any `revisionTags`) or a MutatingWebhookConfiguration the stack registers itself. The engine identifies an
 * owner by URN, a Helm release also by its release name and namespace (changing either replaces it); it updates
 * owners before the namespaces and gateways that depend on them, and deletes what left the program last.
 */
import type { ProgramRun, Registration } from "../../scripts/offline/mockEngine";

type Values = Record<string, unknown>;

interface Owner {
  /** URN, plus release name and namespace for a Helm release: equal keys are an in-place update. */
  readonly key: string;
  readonly urn: string;
}

/** Something that names the revision its sidecars come from: a namespace label or a gateway release's value. */
interface RevisionUse {
  readonly resource: string;
  readonly value: string;
  readonly dependsOn: readonly string[];
}

export interface InjectionView {
  /** Tag webhook (`istio-revision-tag-<tag>`) → its owners; more than one is a conflict. */
  readonly tagWebhooks: ReadonlyMap<string, readonly Owner[]>;
  /** `istio.io/rev` value → the owner whose webhook serves it (only while its revision runs). */
  readonly served: ReadonlyMap<string, Owner>;
  readonly uses: readonly RevisionUse[];
  readonly ownerKeys: ReadonlySet<string>;
}

const releaseType = "kubernetes:helm.sh/v3:Release";
const webhookType = "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration";

const valuesOf = (registration: Registration) => (registration.inputs.values ?? {}) as Values;
const metadataOf = (registration: Registration) => (registration.inputs.metadata ?? {}) as { name?: string; labels?: Record<string, string> };

function releaseOwner(release: Registration): Owner {
  return { key: `${release.urn}#${String(release.inputs.name)}@${String(release.inputs.namespace)}`, urn: release.urn };
}

/** The revision a stack-owned tag webhook calls, when every one of its webhooks calls the Service of that revision. */
function tagTarget(webhook: Registration): string | undefined {
  const revision = metadataOf(webhook).labels?.["istio.io/rev"];
  const entries = (webhook.inputs.webhooks ?? []) as { clientConfig?: { service?: { name?: string } } }[];
  const consistent = entries.length > 0 && entries.every((entry) => entry.clientConfig?.service?.name === `istiod-${revision}`);
  return consistent ? revision : undefined;
}

export function injectionView(run: ProgramRun): InjectionView {
  const tagWebhooks = new Map<string, Owner[]>();
  const served = new Map<string, Owner>();
  const uses: RevisionUse[] = [];
  const ownerKeys = new Set<string>();
  const addTagWebhook = (name: string, owner: Owner) => tagWebhooks.set(name, [...(tagWebhooks.get(name) ?? []), owner]);

  const istiods = run.registrations.filter((r) => r.type === releaseType && r.inputs.chart === "istiod");
  const running = new Set<string>();
  for (const istiod of istiods) {
    const owner = releaseOwner(istiod);
    const revision = (valuesOf(istiod).revision as string | undefined) || "default";
    running.add(revision);
    ownerKeys.add(owner.key);
    served.set(revision, owner);
    for (const tag of (valuesOf(istiod).revisionTags ?? []) as string[]) {
      addTagWebhook(`istio-revision-tag-${tag}`, owner);
      served.set(tag, owner);
    }
  }
  for (const webhook of run.registrations.filter((r) => r.type === webhookType)) {
    const { name, labels } = metadataOf(webhook);
    const tag = labels?.["istio.io/tag"];
    if (tag === undefined || name === undefined) continue;
    const owner = { key: webhook.urn, urn: webhook.urn };
    ownerKeys.add(owner.key);
    addTagWebhook(name, owner);
    const target = tagTarget(webhook);
    if (target !== undefined && running.has(target)) served.set(tag, owner);
  }
  for (const registration of run.registrations) {
    const value =
      registration.type === "kubernetes:core/v1:Namespace"
        ? metadataOf(registration).labels?.["istio.io/rev"]
        : registration.type === releaseType && registration.inputs.chart === "gateway"
          ? (valuesOf(registration).revision as string | undefined)
          : undefined;
    if (value) uses.push({ resource: `${registration.type.split(":").pop()} ${registration.name}`, value, dependsOn: registration.dependsOn });
  }
  return { tagWebhooks, served, uses, ownerKeys };
}

/** What is wrong with one rendered step on its own: a tag webhook with two owners, a value nothing serves. */
export function stepProblems(view: InjectionView): string[] {
  const problems: string[] = [];
  for (const [name, owners] of view.tagWebhooks) {
    if (owners.length > 1) problems.push(`${name} has ${owners.length} owners: ${owners.map((owner) => owner.urn).join(", ")}`);
  }
  for (const use of view.uses) {
    if (!view.served.has(use.value)) problems.push(`${use.resource} uses istio.io/rev ${use.value}, which no webhook serves`);
  }
  return problems;
}

/**
 * What goes wrong between two consecutive steps: a tag webhook or a served value changing owner (a delete and a
 * create, or a create the old owner refuses), a value coming into use before its webhook exists, and a value in
 * use whose webhook an in-place update removes before the namespaces and gateways move off it.
 */
export function transitionProblems(before: InjectionView, after: InjectionView): string[] {
  const problems: string[] = [];
  const soleOwner = (view: InjectionView, name: string) => view.tagWebhooks.get(name)?.[0];
  for (const name of after.tagWebhooks.keys()) {
    const [was, is] = [soleOwner(before, name), soleOwner(after, name)];
    if (was !== undefined && is !== undefined && was.key !== is.key) problems.push(`${name} moves from ${was.urn} to ${is.urn}, not in place`);
  }
  for (const [value, owner] of after.served) {
    const previous = before.served.get(value);
    if (previous !== undefined && previous.key !== owner.key) problems.push(`istio.io/rev ${value} moves from ${previous.urn} to ${owner.urn}, not in place`);
  }
  const usedBefore = new Set(before.uses.map((use) => use.value));
  for (const use of after.uses) {
    const owner = after.served.get(use.value);
    if (owner === undefined || before.served.get(use.value)?.key === owner.key) continue;
    if (!use.dependsOn.includes(owner.urn)) problems.push(`${use.resource} uses istio.io/rev ${use.value} without waiting for ${owner.urn}`);
  }
  for (const value of usedBefore) {
    const owner = before.served.get(value);
    if (owner !== undefined && !after.served.has(value) && after.ownerKeys.has(owner.key)) {
      problems.push(`istio.io/rev ${value} is still in use while ${owner.urn} stops serving it in place`);
    }
  }
  return problems;
}
