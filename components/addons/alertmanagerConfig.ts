import { type AlertReceiver, type AlertRouting, receiverKinds } from "../../settings/alerting";

/**
 * Alertmanager's routing as kube-prometheus-stack's `alertmanager.config` takes it. Helm merges these keys over the
 * chart's default config, so its `global`, `inhibit_rules` and `templates` stay; the `routes` and `receivers` lists
 * replace the chart's, which is why they restate its `null` receiver and the Watchdog route to it. Receivers read
 * their URL or routing key from files (`url_file`, `api_url_file`, `routing_key_file`) of a Secret mounted into the
 * Alertmanager pods (`alertmanagerSpec.secrets`): no URL or key ever sits in the release's values.
 */

/** Where the Prometheus operator mounts each Secret of `alertmanagerSpec.secrets` in the Alertmanager pods. */
export function mountedSecretFile(secretName: string, key: string): string {
  return `/etc/alertmanager/secrets/${secretName}/${key}`;
}

/** The chart's receiver for alerts nobody is paged for (Watchdog, and everything when no receiver is configured). */
const nullReceiver = "null";

/** A Slack message that carries what the on-call engineer needs first: summary, description and the runbook. */
const slackText = "{{ range .Alerts }}*{{ .Annotations.summary }}*\n{{ .Annotations.description }}\nRunbook: {{ .Annotations.runbook_url }}\n{{ end }}";

function receiverConfig(receiver: AlertReceiver, secretName: string): Record<string, unknown> {
  const file = mountedSecretFile(secretName, receiverKinds[receiver.kind].file);
  switch (receiver.kind) {
    case "pagerDuty":
      return { name: "pagerduty", pagerduty_configs: [{ routing_key_file: file, send_resolved: true }] };
    case "slack":
      return { name: "slack", slack_configs: [{ api_url_file: file, channel: receiver.channel, send_resolved: true, text: slackText }] };
    case "webhook":
      return { name: "webhook", webhook_configs: [{ url_file: file, send_resolved: true }] };
  }
}

/** `alertmanager` values: the routes by severity and the receivers, with the receivers' Secret mounted. */
export function alertmanagerRoutingValues(routing: AlertRouting): { config: Record<string, unknown>; secrets: string[] } {
  const secretName = routing.secret?.name;
  const receivers = secretName === undefined ? [] : routing.receivers.map((receiver) => receiverConfig(receiver, secretName));
  return {
    config: {
      route: {
        receiver: nullReceiver,
        routes: [
          { receiver: nullReceiver, matchers: ['alertname = "Watchdog"'] },
          // `continue`: an alert goes to every receiver its severity is routed to, not only the first.
          ...routing.receivers.map((receiver, i) => ({
            receiver: receivers[i].name,
            matchers: [`severity =~ "${receiver.severities.join("|")}"`],
            continue: true,
          })),
        ],
      },
      receivers: [{ name: nullReceiver }, ...receivers],
    },
    secrets: secretName === undefined ? [] : [secretName],
  };
}
