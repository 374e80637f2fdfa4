import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { webhookMatch, type WebhookMatch } from "../../lib/injectionWebhooks";
import { MeshResource } from "../../lib/meshResource";
import { servicesOf, serviceSourceKinds } from "../../lib/services";
import { asArray, asRecord, asString, asStringArray, asStringMap, Json } from "../../lib/values";

/** The revisions an injector configuration serves: its `istio.io/rev` label and the revisions its selectors name. */
function revisionsOf(configuration: MeshResource, webhooks: Json[]): string[] {
  const revisions = new Set<string>();
  if (configuration.labels["istio.io/rev"] !== undefined) revisions.add(configuration.labels["istio.io/rev"]);
  for (const webhook of webhooks) {
    for (const selector of [asRecord(webhook.namespaceSelector), asRecord(webhook.objectSelector)]) {
      const label = asStringMap(selector.matchLabels)["istio.io/rev"];
      if (label !== undefined) revisions.add(label);
      for (const expression of asArray(selector.matchExpressions).map(asRecord)) {
        if (expression.key === "istio.io/rev") asStringArray(expression.values).forEach((value) => revisions.add(value));
      }
    }
  }
  return [...revisions];
}

const selectorOrUndefined = (value: unknown) => (value === undefined || value === null ? undefined : asRecord(value));

/** One injector per pod, and an existing istiod Service behind each (istioctl IST0139). */
export const forbidOverlappingInjection = defineStackPolicy({
  name: "istio-webhook-forbid-overlapping-injection",
  description:
    "Istio injection webhooks must not overlap: for every combination of injection labels on a namespace and a pod " +
    "(none, istio-injection=enabled|disabled, sidecar.istio.io/inject=true|false, each revision) at most one webhook " +
    "may match, or the proxy is injected twice; and a webhook's `clientConfig.service` must be a Service of the stack " +
    "(istioctl IST0139). Give each revision's webhooks disjoint selectors, and point them at istiod's Service.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["MutatingWebhookConfiguration", ...serviceSourceKinds],
  check: (inventory) => {
    const entries: Array<{ configuration: MeshResource; index: number; name: string; webhook: Json; matches: WebhookMatch }> = [];
    const revisions = new Set<string>();
    for (const configuration of inventory.of("MutatingWebhookConfiguration")) {
      const webhooks = asArray(configuration.props.webhooks).map(asRecord);
      const revs = revisionsOf(configuration, webhooks);
      if (revs.length === 0 && !webhooks.some((webhook) => (asString(webhook.name) ?? "").endsWith("istio.io"))) continue;
      revs.forEach((revision) => revisions.add(revision));
      webhooks.forEach((webhook, index) =>
        entries.push({ configuration, index, name: `${configuration.name}/${asString(webhook.name) ?? index}`, webhook, matches: webhookMatch(selectorOrUndefined(webhook.namespaceSelector), selectorOrUndefined(webhook.objectSelector)) }),
      );
    }
    const base = (extra: Record<string, string>[]) => [{}, ...extra];
    const namespaceLabelSets = base([{ "istio-injection": "enabled" }, { "istio-injection": "disabled" }]);
    const objectLabelSets = base([{ "sidecar.istio.io/inject": "true" }, { "sidecar.istio.io/inject": "false" }]);
    const withRevisions = (sets: Record<string, string>[]) => [...sets, ...[...revisions].flatMap((revision) => sets.map((set) => ({ ...set, "istio.io/rev": revision })))];
    const findings = new Map<string, StackFinding>();
    for (const namespaceLabels of withRevisions(namespaceLabelSets)) {
      for (const objectLabels of withRevisions(objectLabelSets)) {
        const matches = entries.filter((entry) => entry.matches(namespaceLabels, objectLabels));
        if (matches.length < 2) continue;
        for (const match of matches) {
          findings.set(`${match.name}`, {
            resource: match.configuration,
            path: `webhooks[${match.index}]`,
            found: match.name,
            expected: `a webhook no other injector matches too (namespace ${JSON.stringify(namespaceLabels)}, pod ${JSON.stringify(objectLabels)} also match ${matches.filter((other) => other !== match).map((other) => other.name).join(", ")})`,
            fix: "Give each injection webhook selectors that exclude the others.",
          });
        }
      }
    }
    const services = new Set(servicesOf(inventory).map((service) => `${service.namespace}/${service.name}`));
    for (const { configuration, index, name, webhook } of entries) {
      const service = asRecord(asRecord(webhook.clientConfig).service);
      if (Object.keys(service).length === 0) continue;
      const key = `${asString(service.namespace) ?? ""}/${asString(service.name) ?? ""}`;
      if (!services.has(key)) {
        findings.set(`${name} service`, { resource: configuration, path: `webhooks[${index}].clientConfig.service`, found: key, expected: "a Service of the stack (istiod's)", fix: "Point the webhook at istiod's Service." });
      }
    }
    return [...findings.values()];
  },
});
