import * as pulumi from "@pulumi/pulumi";
import { configValues, foreignConfigKeys, MissingSecretsError, parseSettings, projectName, type Settings } from ".";

/**
 * Reads the current stack's config once; the only place in the program that touches `pulumi.Config`. It sees every
 * key of the stack, so a key under a misspelt namespace (`istio-mseh:istio`) is reported with the others. A secret
 * the stack needs but does not set stops the program with Pulumi's own missing-configuration error (one line per
 * key, each with the `pulumi config set --secret` command), before any resource is registered.
 */
export function readSettings(): Settings {
  const config = new pulumi.Config(projectName);
  const allConfig = pulumi.runtime.allConfig();
  try {
    return parseSettings(pulumi.getStack(), configValues(allConfig, (key) => config.requireSecret(key)), foreignConfigKeys(Object.keys(allConfig)));
  } catch (error) {
    if (!(error instanceof MissingSecretsError)) throw error;
    const missing = error.keys.flatMap((key) => {
      try {
        config.requireSecret(key);
        return [];
      } catch (configMissing) {
        return [configMissing as Error];
      }
    });
    throw missing.length === 1 ? missing[0] : new pulumi.RunError(missing.map((missingError) => missingError.message).join("\n"));
  }
}
