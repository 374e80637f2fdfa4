import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { describeValue } from "./errors";
import { isOutput, secretOutput } from "./outputs";

/** The Pulumi project name: every stack config key lives under `istio-mesh:`. */
export const projectName = "istio-mesh";

/**
 * The config keys that hold credentials, and what each one is. They are set with `pulumi config set --secret
 * istio-mesh:<key>` (or by a Pulumi ESC environment the stack imports), read only through the secret getters,
 * and reach the cluster only inside Secrets the program writes, Alertmanager's receiver URLs and keys included.
 */
export const secretConfigKeys = Object.freeze({
  kubeconfig: "the kubeconfig the stack deploys with",
  grafanaAdminPassword: "Grafana's admin password",
  cloudflareApiToken: "the Cloudflare API token of the ACME DNS-01 solver",
  route53AccessKeyId: "the AWS access key ID of the ACME DNS-01 solver (Route 53)",
  route53SecretAccessKey: "the AWS secret access key of the ACME DNS-01 solver (Route 53)",
  kialiOidcClientSecret: "Kiali's OpenID Connect client secret",
  pagerDutyRoutingKey: "the PagerDuty Events API v2 routing key Alertmanager pages with",
  slackWebhookUrl: "the Slack incoming-webhook URL Alertmanager posts alerts to",
  alertWebhookUrl: "the URL of the webhook Alertmanager posts alerts to",
});

export type SecretKey = keyof typeof secretConfigKeys;

export const secretKeys = Object.freeze(Object.keys(secretConfigKeys)) as readonly SecretKey[];

export function isSecretKey(key: string): key is SecretKey {
  return (secretKeys as readonly string[]).includes(key);
}

/** What a user runs to set a secret config key. */
export function setSecretCommand(key: SecretKey): string {
  return `pulumi config set --secret ${projectName}:${key} <value>`;
}

/** A secret config value: the engine hands it over as a secret Output; plain text never passes. */
export function secretInput(key: SecretKey) {
  return z.custom<pulumi.Output<string>>((value) => isOutput(value), {
    error: `expected a secret value (set it with \`${setSecretCommand(key)}\`)`,
  });
}

/** Secret config a stack needs and does not set: the engine stops with Pulumi's own error, the offline render names each. */
export class MissingSecretsError extends Error {
  constructor(
    readonly stackName: string,
    readonly keys: readonly SecretKey[],
  ) {
    super(`stack "${stackName}" needs secret config it does not set:\n  ${keys.map(setSecretCommand).join("\n  ")}`);
    this.name = "MissingSecretsError";
  }
}

/** The secret config values a stack sets; `require` notes each one a setting needs that the stack lacks. */
export class SecretValues {
  constructor(
    private readonly values: Readonly<Partial<Record<SecretKey, pulumi.Output<string>>>>,
    private readonly missingKeys: SecretKey[] = [],
  ) {}

  get missing(): readonly SecretKey[] {
    return this.missingKeys;
  }

  get(key: SecretKey): pulumi.Output<string> | undefined {
    return this.values[key];
  }

  /** The value; when it is missing the key is noted and the settings are refused, so the empty stand-in never deploys. */
  require(key: SecretKey): pulumi.Output<string> {
    const value = this.values[key];
    if (value !== undefined) return value;
    if (!this.missingKeys.includes(key)) this.missingKeys.push(key);
    return secretOutput("");
  }

  /** The same values for the settings of something the stack does not install: nothing there is required. */
  unrequired(): SecretValues {
    return new SecretValues(this.values);
  }
}

/** A Kubernetes Secret a chart or an issuer reads a credential from. */
export type CredentialSecret =
  /** The program writes it from secret config (`data`: key in the Secret → value), before anything reads it. */
  | { readonly source: "stack"; readonly name: string; readonly data: Readonly<Record<string, pulumi.Output<string>>> }
  /** Someone else writes it (an external secret store); the stack only names it. */
  | { readonly source: "existing"; readonly name: string };

export interface CredentialSecretInput {
  /** The config key that names an existing Secret, for messages: `kiali.openid.clientSecretName`. */
  readonly nameKey: string;
  /** Its value: set, the Secret is someone else's. */
  readonly name: string | undefined;
  /** The name of the Secret the stack writes otherwise. */
  readonly stackName: string;
  /** Key in the Secret → the secret config key that holds its value. */
  readonly data: Readonly<Record<string, SecretKey>>;
}

/** A Secret named in config while the secret config the stack would write it from is set too: two owners, refused. */
export function checkSingleOwner(nameKey: string, name: string, stackName: string, setKeys: readonly SecretKey[], problems: string[]): void {
  if (setKeys.length === 0) return;
  problems.push(
    `${nameKey}: expected no Secret name while ${setKeys.map((key) => `${projectName}:${key}`).join(" and ")} is set (the stack then writes the Secret ${stackName} itself; name a Secret only when something else writes it), got ${describeValue(name)}`,
  );
}

/** An existing Secret when the config names one, else a Secret the stack writes from secret config. */
export function resolveCredentialSecret(input: CredentialSecretInput, secrets: SecretValues, problems: string[]): CredentialSecret {
  if (input.name !== undefined) {
    const alsoSet = Object.values(input.data).filter((key) => secrets.get(key) !== undefined);
    checkSingleOwner(input.nameKey, input.name, input.stackName, alsoSet, problems);
    return { source: "existing", name: input.name };
  }
  return { source: "stack", name: input.stackName, data: Object.fromEntries(Object.entries(input.data).map(([dataKey, key]) => [dataKey, secrets.require(key)])) };
}
