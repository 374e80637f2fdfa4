import * as pulumi from "@pulumi/pulumi";
import { configValues, foreignConfigKeys, MissingSecretsError, parseSettings, projectName, type SecretKey, secretConfigKeys, type Settings, setSecretCommand } from "../../settings";
import { secretPlaceholder, type StackConfig } from "./stackConfig";

/** A stack's config for the render, with the secret config it needs and its file does not hold. */
export interface RenderConfig {
  /** The stack's config, each missing secret present as `[secret]` so that the stack still renders and gates. */
  readonly stackConfig: StackConfig;
  readonly missingSecrets: readonly SecretKey[];
}

/** The settings of a stack as the offline tools see them: every secret config value is `[secret]`, never read. */
export function offlineSettings(stackConfig: StackConfig): Settings {
  const values = configValues(stackConfig.config, () => pulumi.secret(secretPlaceholder));
  return parseSettings(stackConfig.stack, values, foreignConfigKeys(Object.keys(stackConfig.config)));
}

/**
 * Settings decide which credentials a stack needs; the stack files of this repository hold none. Under the
 * engine a missing one stops `pulumi up`; here it is named and stands in as `[secret]`, like a `secure:` value.
 * A config error is thrown as the program would throw it.
 */
export function withMissingSecrets(stackConfig: StackConfig): RenderConfig {
  try {
    offlineSettings(stackConfig);
    return { stackConfig, missingSecrets: [] };
  } catch (error) {
    if (!(error instanceof MissingSecretsError)) throw error;
    const added = error.keys.map((key) => `${projectName}:${key}`);
    return {
      stackConfig: {
        ...stackConfig,
        config: { ...stackConfig.config, ...Object.fromEntries(added.map((key) => [key, secretPlaceholder])) },
        secretKeys: [...stackConfig.secretKeys, ...added],
      },
      missingSecrets: error.keys,
    };
  }
}

/** One notice per missing secret: the key, what it is, and the command that sets it. */
export function secretNotices(missing: readonly SecretKey[]): string[] {
  return missing.map((key) => `${projectName}:${key} (${secretConfigKeys[key]}) is not set: set it with \`${setSecretCommand(key)}\``);
}

export function formatSecretNotices(notices: readonly string[]): string {
  if (notices.length === 0) return "";
  return `Secret config this stack needs and does not set (rendered as ${secretPlaceholder}; \`pulumi up\` stops until it is set):\n${notices.map((notice) => `  ${notice}\n`).join("")}\n`;
}
