/**
 * Which pods Istio's injection webhooks will inject: the webhooks of declared MutatingWebhookConfigurations named
 * `*.istio.io`, and those istiod Helm releases render (pkg: manifests/charts/istio-control/istio-discovery
 * mutatingwebhook.yaml): per served revision, namespaces labelled `istio.io/rev=<revision or tag>`, objects
 * labelled `istio.io/rev` in unlabelled namespaces, and for the default revision `istio-injection=enabled`
 * namespaces and `sidecar.istio.io/inject=true` objects; `sidecar.istio.io/inject=false` opts out.
 */
import { isIstiodRelease, servedRevisions } from "./helmReleases";
import { Kind, MeshResource } from "./meshResource";
import { asArray, asRecord, asString, asStringArray, asStringMap, Json } from "./values";

export const injectionWebhookKinds: readonly Kind[] = ["MutatingWebhookConfiguration", "HelmRelease"];

interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** A Kubernetes LabelSelector (matchLabels and matchExpressions) read once, as a test of labels; undefined matches everything. */
function labelSelector(selector: Json | undefined): (labels: Record<string, string>) => boolean {
  if (selector === undefined) return () => true;
  const requirements: Requirement[] = [
    ...Object.entries(asStringMap(selector.matchLabels)).map(([key, value]) => ({ key, operator: "In", values: [value] })),
    ...asArray(selector.matchExpressions).map(asRecord).map((expression) => ({ key: asString(expression.key) ?? "", operator: asString(expression.operator) ?? "", values: asStringArray(expression.values) })),
  ];
  return (labels) =>
    requirements.every(({ key, operator, values }) => {
      const value = labels[key];
      switch (operator) {
        case "In":
          return value !== undefined && values.includes(value);
        case "NotIn":
          return value === undefined || !values.includes(value);
        case "Exists":
          return value !== undefined;
        case "DoesNotExist":
          return value === undefined;
        default:
          return false;
      }
    });
}

interface InjectionWebhook {
  readonly namespaceSelector?: Json;
  readonly objectSelector?: Json;
}

/** Whether a webhook's namespace and object selectors both admit a pod; each selector is read once. */
export type WebhookMatch = (namespaceLabels: Record<string, string>, podLabels: Record<string, string>) => boolean;

export function webhookMatch(namespaceSelector: Json | undefined, objectSelector: Json | undefined): WebhookMatch {
  const namespaceMatches = labelSelector(namespaceSelector);
  const objectMatches = labelSelector(objectSelector);
  return (namespaceLabels, podLabels) => namespaceMatches(namespaceLabels) && objectMatches(podLabels);
}

function chartWebhooks(istiod: MeshResource): InjectionWebhook[] {
  const revisions = servedRevisions(istiod);
  const optOut = { key: "sidecar.istio.io/inject", operator: "NotIn", values: ["false"] };
  const hooks: InjectionWebhook[] = revisions.flatMap((revision) => [
    { namespaceSelector: { matchExpressions: [{ key: "istio.io/rev", operator: "In", values: [revision] }, { key: "istio-injection", operator: "DoesNotExist" }] }, objectSelector: { matchExpressions: [optOut] } },
    { namespaceSelector: { matchExpressions: [{ key: "istio.io/rev", operator: "DoesNotExist" }, { key: "istio-injection", operator: "DoesNotExist" }] }, objectSelector: { matchExpressions: [optOut, { key: "istio.io/rev", operator: "In", values: [revision] }] } },
  ]);
  if (revisions.includes("default")) {
    hooks.push(
      { namespaceSelector: { matchExpressions: [{ key: "istio-injection", operator: "In", values: ["enabled"] }] }, objectSelector: { matchExpressions: [optOut] } },
      { namespaceSelector: { matchExpressions: [{ key: "istio-injection", operator: "DoesNotExist" }, { key: "istio.io/rev", operator: "DoesNotExist" }] }, objectSelector: { matchExpressions: [{ key: "sidecar.istio.io/inject", operator: "In", values: ["true"] }, { key: "istio.io/rev", operator: "DoesNotExist" }] } },
    );
  }
  return hooks;
}

export function injectionWebhooks(inventory: { of(kind: Kind): readonly MeshResource[] }): WebhookMatch[] {
  const declared = inventory
    .of("MutatingWebhookConfiguration")
    .flatMap((configuration) => asArray(configuration.props.webhooks).map(asRecord))
    .filter((webhook) => (asString(webhook.name) ?? "").endsWith("istio.io"))
    .map((webhook) => ({ namespaceSelector: webhook.namespaceSelector === undefined ? undefined : asRecord(webhook.namespaceSelector), objectSelector: webhook.objectSelector === undefined ? undefined : asRecord(webhook.objectSelector) }));
  return [...declared, ...inventory.of("HelmRelease").filter(isIstiodRelease).flatMap(chartWebhooks)].map((webhook) => webhookMatch(webhook.namespaceSelector, webhook.objectSelector));
}

export function injected(webhooks: readonly WebhookMatch[], namespaceLabels: Record<string, string>, podLabels: Record<string, string>): boolean {
  return webhooks.some((matches) => matches(namespaceLabels, podLabels));
}
