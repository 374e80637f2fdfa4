import { z } from "zod";
import packageJson from "../package.json";
import { type CredentialSecret, resolveCredentialSecret, type SecretKey, type SecretValues } from "./secrets";
import { secretName } from "./addons";
import { nonEmptyString, oneOf } from "./validators";

/** Where alerts go: Alertmanager's receivers by severity, and the runbook every alert links to. */

export const alertSeverities = ["critical", "warning"] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

const severities = z
  .array(oneOf(alertSeverities), { error: `expected a list of severities (${alertSeverities.join(", ")})` })
  .min(1, { error: `expected a non-empty list of severities (${alertSeverities.join(", ")})` });

export const receiversInput = z.strictObject({
  pagerDuty: z.strictObject({ severities: severities.optional() }).optional(),
  slack: z.strictObject({ channel: nonEmptyString, severities: severities.optional() }).optional(),
  webhook: z.strictObject({ severities: severities.optional() }).optional(),
  /** An existing Secret in `monitoring` with the receivers' keys; omit to have the stack write it from secret config. */
  secretName: secretName.optional(),
});
export type ReceiversInput = z.infer<typeof receiversInput>;

export type ReceiverKind = "pagerDuty" | "slack" | "webhook";

/** The receivers Alertmanager knows, each with the key of its URL or routing key in the receivers Secret. */
export const receiverKinds: Readonly<Record<ReceiverKind, { readonly secretKey: SecretKey; readonly file: string; readonly defaultSeverities: readonly AlertSeverity[] }>> = {
  pagerDuty: { secretKey: "pagerDutyRoutingKey", file: "pagerduty-routing-key", defaultSeverities: ["critical"] },
  slack: { secretKey: "slackWebhookUrl", file: "slack-api-url", defaultSeverities: ["critical", "warning"] },
  webhook: { secretKey: "alertWebhookUrl", file: "webhook-url", defaultSeverities: ["critical", "warning"] },
};

export interface AlertReceiver {
  readonly kind: ReceiverKind;
  /** The severities routed to it. @defaultValue critical for PagerDuty, critical and warning for Slack and webhooks */
  readonly severities: readonly AlertSeverity[];
  /** Slack only: the channel. */
  readonly channel?: string;
}

export interface AlertRouting {
  /** Empty: every alert goes to kube-prometheus-stack's `null` receiver (allowed outside prod). */
  readonly receivers: readonly AlertReceiver[];
  /** The Secret with the receivers' URLs and keys, mounted into Alertmanager; undefined without receivers. */
  readonly secret?: CredentialSecret;
}

/** The Secret the stack writes the receivers' URLs and keys into, in the monitoring namespace. */
export const alertReceiversSecretName = "alertmanager-receivers";

/** The receivers configured; `requireCritical` (prod) makes a stack without a receiver for critical alerts an error. */
export function resolveAlertRouting(input: ReceiversInput | undefined, requireCritical: boolean, secrets: SecretValues, problems: string[]): AlertRouting {
  const receivers: AlertReceiver[] = (Object.keys(receiverKinds) as ReceiverKind[]).flatMap((kind) => {
    const configured = input?.[kind];
    if (configured === undefined) return [];
    const channel = kind === "slack" ? (configured as { channel: string }).channel : undefined;
    return [{ kind, severities: configured.severities ?? receiverKinds[kind].defaultSeverities, ...(channel === undefined ? {} : { channel }) }];
  });
  if (requireCritical && !receivers.some((receiver) => receiver.severities.includes("critical"))) {
    problems.push(
      `monitoring.alertmanager.receivers: expected a receiver for severity "critical" in a prod stack (pagerDuty, slack or webhook; otherwise critical alerts go nowhere), got ${receivers.length === 0 ? "none" : `only ${receivers.map((receiver) => receiver.kind).join(", ")} for ${[...new Set(receivers.flatMap((receiver) => receiver.severities))].join(", ")}`}`,
    );
  }
  if (receivers.length === 0) return { receivers };
  const secret = resolveCredentialSecret(
    {
      nameKey: "monitoring.alertmanager.receivers.secretName",
      name: input?.secretName,
      stackName: alertReceiversSecretName,
      data: Object.fromEntries(receivers.map((receiver) => [receiverKinds[receiver.kind].file, receiverKinds[receiver.kind].secretKey])),
    },
    secrets,
    problems,
  );
  return { receivers, secret };
}

/** `https://github.com/<owner>/<repo>` from package.json's `repository` (a URL, `github:owner/repo` or `owner/repo`). */
export function repositoryWebUrl(repository: string | { readonly url: string }): string {
  const text = typeof repository === "string" ? repository : repository.url;
  const shorthand = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(text);
  if (shorthand) return `https://github.com/${shorthand[1]}/${shorthand[2]}`;
  return text.replace(/^git\+/, "").replace(/^git@github\.com:/, "https://github.com/").replace(/\.git$/, "");
}

/**
 * The runbook of this repository on its forge, from package.json's `repository`: a fork that records its own
 * repository there (as npm expects) links its own runbook. `monitoring.alerts.runbookBaseUrl` overrides it.
 */
export const defaultRunbookBaseUrl = `${repositoryWebUrl(packageJson.repository)}/blob/main/docs/runbook.md`;
