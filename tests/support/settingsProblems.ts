import { MissingSecretsError, parseSettings, type SecretKey, SettingsError } from "../../settings";

/** The problems parseSettings reports for a stack's config values (empty when they are valid). */
export function problemsOf(stack: string, config: Record<string, unknown>): string[] {
  try {
    parseSettings(stack, config);
  } catch (error) {
    if (error instanceof SettingsError) return [...error.problems];
    throw error;
  }
  return [];
}

/**
 * A stack config with a receiver for critical alerts, which every prod stack needs (here a webhook whose URL is in a
 * Secret someone else writes, so no secret config is asked for); other keys of `monitoring` are kept.
 */
export function withCriticalReceiver(config: Record<string, unknown>): Record<string, unknown> {
  const monitoring = (config.monitoring ?? {}) as Record<string, unknown>;
  const alertmanager = (monitoring.alertmanager ?? {}) as Record<string, unknown>;
  return { ...config, monitoring: { ...monitoring, alertmanager: { ...alertmanager, receivers: { webhook: {}, secretName: "alert-receivers" } } } };
}

/** The secret config keys parseSettings refuses the config for, or [] when it accepts it. */
export function missingSecretsOf(stack: string, config: Record<string, unknown>): readonly SecretKey[] {
  try {
    parseSettings(stack, config);
    return [];
  } catch (error) {
    if (error instanceof MissingSecretsError) return error.keys;
    throw error;
  }
}
