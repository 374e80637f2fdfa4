import { z } from "zod";
import { describeValue } from "./errors";
import { dnsLabel } from "./validators";

/**
 * istiod revisions and revision tags: which control planes run (one Helm release each) and which revision each
 * tag points at. Every `istio.io/rev` value the stack uses (app namespaces, gateways) must be served by one of
 * them, so a pod never starts without its sidecar.
 */

const exactVersion = z
  .string({ error: "expected an exact chart version such as \"1.30.4\"" })
  .regex(/^\d+\.\d+\.\d+$/, { error: "expected an exact chart version such as \"1.30.4\"" });

export const revisionsInput = z.array(
  z.strictObject({
    name: dnsLabel,
    releaseName: dnsLabel.optional(),
    version: exactVersion.optional(),
    chartRevisionTags: z.array(dnsLabel, { error: "expected a list of revision tag names" }).optional(),
  }),
  { error: "expected a list of istiod revisions ({name, releaseName?, version?, chartRevisionTags?})" },
);

export const revisionTagsInput = z.record(dnsLabel, dnsLabel, {
  error: (issue) =>
    issue.code === "invalid_key"
      ? "expected a tag name that is a DNS label (lowercase letters, digits and '-', at most 63 characters)"
      : "expected a map of revision tag to the revision it points at, e.g. {prod-stable: 1-30-3} " +
        "(tags the istiod chart itself renders are listed under istio.revisions[].chartRevisionTags)",
});

/** `istio.revision` was the one revision of the release `istiod`; the message says how to write it now. */
export const replacedRevisionInput = z.never({
  error:
    "replaced by istio.revisions: a stack installed with istio.revision R and istio.revisionTags [T] is written " +
    "revisions: [{name: R, releaseName: istiod, chartRevisionTags: [T]}] (docs/upgrades.md)",
});

export interface IstioRevision {
  /** The `revision` value of its istiod release: what `istio.io/rev` labels name. */
  readonly name: string;
  /** Its Helm release, fixed once installed (renaming replaces the control plane). @defaultValue `istiod-<name>` */
  readonly releaseName: string;
  /** Exact istiod chart version; undefined installs the program's pinned Istio version. */
  readonly version?: string;
  /**
   * Tags the istiod chart renders for this revision, owned by its Helm release: the layout of stacks installed
   * before `istio.revisionTags`. Such a tag cannot move to another revision; see the migration steps in docs/upgrades.md.
   */
  readonly chartRevisionTags: readonly string[];
}

export interface RevisionSettings {
  /** Control planes that run, one istiod release each; empty runs one default-revision istiod named `istiod`. */
  readonly revisions: readonly IstioRevision[];
  /** Revision tags the program owns: tag → the revision its webhook injects from. */
  readonly revisionTags: Readonly<Record<string, string>>;
  /** What app namespaces' `istio.io/rev` label names; undefined means they use `istio-injection: enabled`. */
  readonly injectionRevision?: string;
  /** What the gateways' `istio.io/rev` label names, so they follow a tag. @defaultValue injectionRevision */
  readonly gatewayRevision?: string;
  /** The revision `injectionRevision` resolves to: the `istio-base` default validator points at it. */
  readonly defaultRevision?: string;
}

export interface RevisionsInput {
  readonly revisions?: z.infer<typeof revisionsInput>;
  readonly revisionTags?: Readonly<Record<string, string>>;
  readonly injectionRevision?: string;
  readonly gatewayRevision?: string;
}

/** The revision an `istio.io/rev` value resolves to: itself, the revision a tag points at, or undefined. */
export function revisionOf(settings: Pick<RevisionSettings, "revisions" | "revisionTags">, value: string): string | undefined {
  if (settings.revisions.some((revision) => revision.name === value)) return value;
  const programTag = settings.revisionTags[value];
  if (programTag !== undefined) return programTag;
  return settings.revisions.find((revision) => revision.chartRevisionTags.includes(value))?.name;
}

/** Every `istio.io/rev` value some webhook of the stack serves: the revisions and all their tags. */
export function servedRevisionValues(settings: Pick<RevisionSettings, "revisions" | "revisionTags">): string[] {
  return [
    ...settings.revisions.flatMap((revision) => [revision.name, ...revision.chartRevisionTags]),
    ...Object.keys(settings.revisionTags),
  ];
}

function resolveRevisionList(input: RevisionsInput["revisions"], problems: string[]): IstioRevision[] {
  const revisions = (input ?? []).map((revision) => ({
    name: revision.name,
    releaseName: revision.releaseName ?? `istiod-${revision.name}`,
    version: revision.version,
    chartRevisionTags: revision.chartRevisionTags ?? [],
  }));
  const names = new Set<string>();
  const releaseNames = new Set<string>();
  revisions.forEach((revision, index) => {
    const key = `istio.revisions[${index}]`;
    if (revision.name === "default") {
      problems.push(`${key}.name: expected a revision name other than "default" (istiod without a revision is the default), got "default"`);
    }
    if (names.has(revision.name)) problems.push(`${key}.name: expected a revision not listed before, got ${describeValue(revision.name)} twice`);
    if (releaseNames.has(revision.releaseName)) {
      problems.push(`${key}.releaseName: expected a Helm release name no other revision uses, got ${describeValue(revision.releaseName)} twice`);
    }
    names.add(revision.name);
    releaseNames.add(revision.releaseName);
  });
  return revisions;
}

/** Tag names: unique across the program's and the chart's tags, never a revision's name, never `default`. */
function checkTagNames(revisions: readonly IstioRevision[], revisionTags: Readonly<Record<string, string>>, problems: string[]): void {
  const revisionNames = new Set(revisions.map((revision) => revision.name));
  const chartTags = new Map<string, string>();
  const checkName = (key: string, tag: string) => {
    if (tag === "default") {
      problems.push(`${key}: expected a tag other than "default" (app namespaces name their tag with istio.io/rev, not istio-injection), got "default"`);
    } else if (revisionNames.has(tag)) {
      problems.push(`${key}: expected a tag that is not also a revision's name (istioctl refuses it too), got ${describeValue(tag)}`);
    }
  };
  revisions.forEach((revision, index) =>
    revision.chartRevisionTags.forEach((tag, tagIndex) => {
      const key = `istio.revisions[${index}].chartRevisionTags[${tagIndex}]`;
      checkName(key, tag);
      if (chartTags.has(tag)) problems.push(`${key}: expected a tag no other revision lists (one webhook per tag), got ${describeValue(tag)}, also in ${chartTags.get(tag)}`);
      chartTags.set(tag, key);
    }),
  );
  for (const [tag, target] of Object.entries(revisionTags)) {
    const key = `istio.revisionTags.${tag}`;
    checkName(key, tag);
    if (chartTags.has(tag)) {
      problems.push(
        `${key}: expected a tag the istiod chart does not already render (${chartTags.get(tag)} owns its webhook; remove it there one pulumi up earlier), got ${describeValue(tag)}`,
      );
    }
    if (!revisionNames.has(target)) {
      problems.push(`${key}: expected a revision listed in istio.revisions (${describeValue([...revisionNames])}), got ${describeValue(target)}`);
    }
  }
}

/** One tag overall, else one revision and no tag: the value app namespaces use when istio.injectionRevision is unset. */
function defaultInjection(revisions: readonly IstioRevision[], revisionTags: Readonly<Record<string, string>>): string | undefined {
  const tags = [...revisions.flatMap((revision) => revision.chartRevisionTags), ...Object.keys(revisionTags)];
  if (tags.length === 1) return tags[0];
  return tags.length === 0 && revisions.length === 1 ? revisions[0].name : undefined;
}

/** An `istio.io/rev` value the stack uses must be one of the served values. */
export function checkServed(key: string, value: string | undefined, served: readonly string[], problems: string[]): void {
  if (value === undefined || served.includes(value)) return;
  const allowed = served.length === 0 ? "nothing: istio.revisions is empty, so istiod is the default revision (use istio-injection)" : describeValue(served);
  problems.push(`${key}: expected a revision or revision tag the stack serves (${allowed}), got ${describeValue(value)}`);
}

export function resolveRevisions(input: RevisionsInput, problems: string[]): RevisionSettings {
  const revisions = resolveRevisionList(input.revisions, problems);
  const revisionTags = { ...(input.revisionTags ?? {}) };
  checkTagNames(revisions, revisionTags, problems);
  const served = servedRevisionValues({ revisions, revisionTags });

  const injectionRevision = input.injectionRevision ?? defaultInjection(revisions, revisionTags);
  if (injectionRevision === undefined && revisions.length > 0) {
    problems.push(
      `istio.injectionRevision: expected the revision or tag app namespaces use (one of ${describeValue(served)}): with several revisions or tags there is no default, got nothing`,
    );
  }
  checkServed("istio.injectionRevision", injectionRevision, served, problems);
  const gatewayRevision = input.gatewayRevision ?? injectionRevision;
  checkServed("istio.gatewayRevision", gatewayRevision, served, problems);

  const settings = { revisions, revisionTags };
  return {
    ...settings,
    injectionRevision,
    gatewayRevision,
    defaultRevision: injectionRevision === undefined ? undefined : revisionOf(settings, injectionRevision),
  };
}
