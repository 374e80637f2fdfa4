import type { IstioSettings } from "../settings/istio";
import { type IstioRevision, revisionOf } from "../settings/revisions";
import { injectionLabel, istiodReleaseName, istioRootNamespace, istioVersion, revisionLabel } from "./names";

/**
 * The pure part of a revisioned control plane: which istiod releases run, the chart version of each Istio release,
 * and the revision tags the program owns, built as the istiod chart builds them (templates/revision-tags-mwc.yaml
 * and revision-tags-svc.yaml) but owned by the stack rather than by a Helm release, so moving a tag to another
 * revision is an in-place update of the same objects.
 */

/** Istio honours one injection label per namespace: `istio.io/rev` when a revision is used, else `istio-injection`. */
export function injectionLabels(injection: boolean, injectionRevision: string | undefined): Record<string, string> {
  if (!injection) return { [injectionLabel]: "disabled" };
  return injectionRevision === undefined ? { [injectionLabel]: "enabled" } : { [revisionLabel]: injectionRevision };
}

/**
 * The label of a namespace whose pods stay outside the mesh (cert-manager, monitoring, tracing): stated, so that
 * whether they are injected does not hang on istiod's defaults (istioctl IST0102).
 */
export const outsideMeshLabels: Readonly<Record<string, string>> = Object.freeze(injectionLabels(false, undefined));

/** The label istiod's tag watcher and `istioctl tag list` find tag webhooks and Services by. */
export const tagLabel = "istio.io/tag";

export interface IstiodRelease {
  /** Helm release name; the Pulumi resource is named after it, so today's `istiod` release keeps its URN. */
  readonly releaseName: string;
  readonly version: string;
  /** The revision it runs; undefined for the default revision. */
  readonly revision?: IstioRevision;
}

/** One release per revision; a stack without revisions runs one default-revision istiod named `istiod`. */
export function istiodReleases(istio: Pick<IstioSettings, "revisions">): IstiodRelease[] {
  if (istio.revisions.length === 0) return [{ releaseName: istiodReleaseName, version: istioVersion }];
  return istio.revisions.map((revision) => ({ releaseName: revision.releaseName, version: revision.version ?? istioVersion, revision }));
}

function versionParts(version: string): number[] {
  return version.split(".").map(Number);
}

function newer(a: string, b: string): string {
  const [left, right] = [versionParts(a), versionParts(b)];
  const difference = left.map((part, i) => part - (right[i] ?? 0)).find((delta) => delta !== 0) ?? 0;
  return difference >= 0 ? a : b;
}

/** `base` (the CRDs) follows the newest revision, as Istio's canary upgrade installs the new CRDs first. */
export function baseChartVersion(istio: Pick<IstioSettings, "revisions">): string {
  return istiodReleases(istio).map((release) => release.version).reduce(newer);
}

/** What the gateways inject from: the `istio.io/rev` value their pods carry and the revision it resolves to. */
export interface GatewayInjection {
  /** Pod label value: a tag, so the gateways follow it when it moves. */
  readonly label: string;
  /** The revision behind it, whose chart version the gateway release uses. */
  readonly revision: string;
  readonly version: string;
}

export function gatewayInjection(istio: Pick<IstioSettings, "revisions" | "revisionTags" | "gatewayRevision">): GatewayInjection | undefined {
  if (istio.gatewayRevision === undefined) return undefined;
  const revision = revisionOf(istio, istio.gatewayRevision) ?? istio.gatewayRevision;
  const version = istio.revisions.find((candidate) => candidate.name === revision)?.version ?? istioVersion;
  return { label: istio.gatewayRevision, revision, version };
}

/** The Service every revision's injector and validator answer on (the chart's service.yaml). */
function istiodServiceName(revision: string): string {
  return `istiod-${revision}`;
}

const podCreation = [{ operations: ["CREATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"] }];
const notDisabled = { key: "sidecar.istio.io/inject", operator: "NotIn", values: ["false"] };
const noInjectionLabel = { key: "istio-injection", operator: "DoesNotExist" };

/** The chart's "core" webhook for a revision, with the defaults of istiod's values (`/inject`, reinvocation `Never`). */
function injectorWebhook(prefix: string, revision: string, selectors: Record<string, unknown>): Record<string, unknown> {
  return {
    name: `${prefix}sidecar-injector.istio.io`,
    clientConfig: { service: { name: istiodServiceName(revision), namespace: istioRootNamespace, path: "/inject", port: 443 } },
    sideEffects: "None",
    rules: podCreation,
    failurePolicy: "Fail",
    reinvocationPolicy: "Never",
    admissionReviewVersions: ["v1"],
    ...selectors,
  };
}

function tagLabels(tag: string, revision: string, app: string): Record<string, string> {
  return {
    [tagLabel]: tag,
    [revisionLabel]: revision,
    app,
    "app.kubernetes.io/name": "istiod",
    "app.kubernetes.io/part-of": "istio",
    "app.kubernetes.io/managed-by": "pulumi",
  };
}

/**
 * `istio-revision-tag-<tag>`: injects pods of namespaces labelled `istio.io/rev: <tag>` (and pods so labelled
 * themselves) from the revision's istiod. Its `istio.io/rev` label tells that istiod to patch the CA bundle in.
 */
export function tagWebhookConfiguration(tag: string, revision: string): Record<string, unknown> {
  return {
    metadata: { name: `istio-revision-tag-${tag}`, labels: tagLabels(tag, revision, "sidecar-injector") },
    webhooks: [
      injectorWebhook("rev.namespace.", revision, {
        namespaceSelector: { matchExpressions: [{ key: revisionLabel, operator: "In", values: [tag] }, noInjectionLabel] },
        objectSelector: { matchExpressions: [notDisabled] },
      }),
      injectorWebhook("rev.object.", revision, {
        namespaceSelector: { matchExpressions: [{ key: revisionLabel, operator: "DoesNotExist" }, noInjectionLabel] },
        objectSelector: { matchExpressions: [notDisabled, { key: revisionLabel, operator: "In", values: [tag] }] },
      }),
    ],
  };
}

/** `istiod-revision-tag-<tag>`: the tag's Service, selecting the revision's istiod pods, as the chart renders it. */
export function tagService(tag: string, revision: string): Record<string, unknown> {
  return {
    metadata: { name: `istiod-revision-tag-${tag}`, namespace: istioRootNamespace, labels: { ...tagLabels(tag, revision, "istiod"), istio: "pilot" } },
    spec: {
      ports: [
        { port: 15010, name: "grpc-xds", protocol: "TCP" },
        { port: 15012, name: "https-dns", protocol: "TCP" },
        { port: 443, name: "https-webhook", targetPort: 15017, protocol: "TCP" },
        { port: 15014, name: "http-monitoring", protocol: "TCP" },
      ],
      selector: { app: "istiod", [revisionLabel]: revision },
    },
  };
}
