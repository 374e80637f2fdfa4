import { stringify } from "yaml";
import type { AlertReceiver, AlertSeverity } from "../settings/alerting";
import { argocdNotificationKeys, type ArgocdNotifications } from "../settings/argocd";
import { istioHealthCheckKinds } from "./argocdHealthChecks";

/**
 * Argo CD's notifications to the mesh's alert receivers: the same PagerDuty routing key, Slack incoming webhook and
 * generic webhook Alertmanager uses (their URLs and keys from the same secret config, in Argo CD's notifications
 * Secret), routed by the same severities. A failed sync is a warning; an Istio object istiod reports errors for
 * (Degraded by the health checks) breaks traffic and is critical. Every key the stack writes starts with
 * `istio-mesh-`, so on an existing instance it never meets the owner's own services, templates or triggers.
 */

interface Trigger {
  /** The trigger's and its template's name. */
  readonly name: string;
  readonly severity: AlertSeverity;
  readonly description: string;
  /** The condition, in the expr language Argo CD's notifications evaluate. */
  readonly when: string;
  readonly summary: string;
}

const istioGroups = Object.keys(istioHealthCheckKinds);

/** The degraded Istio objects of the Application, for the messages. */
const degradedIstioObjects = `{{range .app.status.resources}}{{if and .health (eq .health.status "Degraded")}}{{.kind}} {{.namespace}}/{{.name}} {{end}}{{end}}`;

export const argocdTriggers: readonly Trigger[] = [
  {
    name: "istio-mesh-sync-failed",
    severity: "warning",
    description: "The sync of an Application failed",
    when: "app.status.operationState != nil and app.status.operationState.phase in ['Error', 'Failed']",
    summary: "Argo CD could not sync {{.app.metadata.name}} (phase {{.app.status.operationState.phase}})",
  },
  {
    name: "istio-mesh-istio-degraded",
    severity: "critical",
    description: "An Istio object of an Application is Degraded: istiod reports errors for it",
    when: `app.status.health.status == 'Degraded' and any(app.status.resources, {.group in [${istioGroups.map((group) => `'${group}'`).join(", ")}] and .health != nil and .health.status == 'Degraded'})`,
    summary: `Istio objects of {{.app.metadata.name}} are Degraded: ${degradedIstioObjects}`,
  },
];

/** The notification service names the stack defines, per receiver (`service.<type>.<name>`). */
export const argocdNotificationServices: Readonly<Record<AlertReceiver["kind"], { readonly type: string; readonly name: string }>> = {
  pagerDuty: { type: "pagerdutyv2", name: "istio-mesh-pagerduty" },
  slack: { type: "webhook", name: "istio-mesh-slack" },
  webhook: { type: "webhook", name: "istio-mesh-webhook" },
};

/** The PagerDuty service key the subscriptions name (Events API v2 routing key). */
const pagerDutyServiceKey = "istio-mesh";

const jsonHeaders = [{ name: "Content-Type", value: "application/json" }];

function serviceConfig(receiver: AlertReceiver): string {
  const secretReference = `$${argocdNotificationKeys[receiver.kind]}`;
  return receiver.kind === "pagerDuty" ? stringify({ serviceKeys: { [pagerDutyServiceKey]: secretReference } }) : stringify({ url: secretReference, headers: jsonHeaders });
}

function webhookBody(receiver: AlertReceiver, trigger: Trigger): string {
  const text = `[${trigger.severity}] ${trigger.summary}`;
  if (receiver.kind === "slack") return JSON.stringify({ channel: receiver.channel, text });
  return JSON.stringify({ source: "argocd", application: "{{.app.metadata.name}}", trigger: trigger.name, severity: trigger.severity, summary: trigger.summary });
}

function template(receivers: readonly AlertReceiver[], trigger: Trigger): string {
  const webhooks = receivers.filter((receiver) => receiver.kind !== "pagerDuty");
  return stringify({
    message: trigger.summary,
    ...(receivers.some((receiver) => receiver.kind === "pagerDuty")
      ? { pagerdutyv2: { summary: trigger.summary, severity: trigger.severity, source: "argocd/{{.app.metadata.name}}" } }
      : {}),
    ...(webhooks.length > 0
      ? { webhook: Object.fromEntries(webhooks.map((receiver) => [argocdNotificationServices[receiver.kind].name, { method: "POST", body: webhookBody(receiver, trigger) }])) }
      : {}),
  });
}

/** The `argocd-notifications-cm` entries: a service per receiver, a template and a trigger per event. */
export function argocdNotificationConfig(notifications: ArgocdNotifications): Record<string, string> {
  if (!notifications.enabled) return {};
  const { receivers } = notifications;
  return {
    ...Object.fromEntries(receivers.map((receiver) => [`service.${argocdNotificationServices[receiver.kind].type}.${argocdNotificationServices[receiver.kind].name}`, serviceConfig(receiver)])),
    ...Object.fromEntries(argocdTriggers.map((trigger) => [`template.${trigger.name}`, template(receivers, trigger)])),
    ...Object.fromEntries(
      argocdTriggers.map((trigger) => [`trigger.${trigger.name}`, stringify([{ description: trigger.description, send: [trigger.name], when: trigger.when }])]),
    ),
  };
}

/**
 * An Application's subscriptions (`notifications.argoproj.io/subscribe.<trigger>.<service>: <recipient>`): each
 * receiver gets the events of the severities it is routed, as Alertmanager routes the mesh's alerts.
 */
export function subscriptionAnnotations(notifications: ArgocdNotifications): Record<string, string> {
  if (!notifications.enabled) return {};
  return Object.fromEntries(
    notifications.receivers.flatMap((receiver) =>
      argocdTriggers
        .filter((trigger) => receiver.severities.includes(trigger.severity))
        .map((trigger) => [`notifications.argoproj.io/subscribe.${trigger.name}.${argocdNotificationServices[receiver.kind].name}`, receiver.kind === "pagerDuty" ? pagerDutyServiceKey : ""]),
    ),
  );
}

/** The hosts the notifications controller calls: PagerDuty's Events API, Slack's incoming webhooks, the generic webhook. */
export function notificationHosts(notifications: ArgocdNotifications): string[] {
  if (!notifications.enabled) return [];
  return notifications.receivers.flatMap((receiver) => {
    switch (receiver.kind) {
      case "pagerDuty":
        return ["events.pagerduty.com"];
      case "slack":
        return ["hooks.slack.com"];
      case "webhook":
        return notifications.webhookHost === undefined ? [] : [notifications.webhookHost];
    }
  });
}
