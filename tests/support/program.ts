import * as path from "path";
import { applyConfigPatch } from "../../scripts/offline/configPatch";
import { runProgram, type ProgramRun, type Registration } from "../../scripts/offline/mockEngine";
import { withMissingSecrets } from "../../scripts/offline/secretConfig";
import { loadStackConfig, type StackConfig } from "../../scripts/offline/stackConfig";
import { projectDir } from "./project";

/** The whole program, as `pulumi preview` starts it: the default export of index.ts. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const program = require("../../index") as () => Promise<unknown>;

/** The config with missing secrets as `[secret]`, as the render passes it; a config the settings reject goes on unchanged, for the program to reject. */
function withSecretsFilled(config: StackConfig): StackConfig {
  try {
    return withMissingSecrets(config).stackConfig;
  } catch {
    return config;
  }
}

/**
 * Runs index.ts under the mock engine with a stack file's config, as the render does: missing secrets as
 * `[secret]`. Tests that only read a repository stack take `renderedStack` instead, rendered once per test run.
 */
export function renderStack(stack: string): Promise<ProgramRun> {
  return runProgram(withSecretsFilled(loadStackConfig(projectDir, stack)), program);
}

/**
 * Runs index.ts with a stack file's config changed: `edit` receives and returns the config values (text, keyed
 * `istio-mesh:<key>`). `secretKeys` are the keys (`istio-mesh:<key>`) the engine marks secret; missing secrets
 * stand in as `[secret]` unless `fillMissingSecrets` is false, as under the engine.
 */
export function renderWithConfig(
  stack: string,
  edit: (config: Record<string, string>) => Record<string, string>,
  registrations: Registration[] = [],
  { secretKeys = [], fillMissingSecrets = true }: { secretKeys?: readonly string[]; fillMissingSecrets?: boolean } = {},
): Promise<ProgramRun> {
  const original = loadStackConfig(projectDir, stack);
  const config: StackConfig = { ...original, config: edit({ ...original.config }), secretKeys: [...original.secretKeys, ...secretKeys] };
  return runProgram(fillMissingSecrets ? withSecretsFilled(config) : config, program, registrations);
}

/** Runs index.ts with a stack file's config and a config patch file applied, as `npm run render -- --config-patch` does. */
export function renderWithPatch(stack: string, patchFile: string): Promise<ProgramRun> {
  return runProgram(withSecretsFilled(applyConfigPatch(loadStackConfig(projectDir, stack), path.resolve(projectDir, patchFile))), program);
}
