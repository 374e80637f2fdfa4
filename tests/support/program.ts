import * as path from "path";
import { applyConfigPatch } from "../../scripts/offline/configPatch";
import { runProgram, type ProgramRun, type Registration } from "../../scripts/offline/mockEngine";
import { withMissingSecrets } from "../../scripts/offline/secretConfig";
import { loadStackConfig, type StackConfig } from "../../scripts/offline/stackConfig";

export const projectDir = path.resolve(__dirname, "../..");
export const stacks = ["dev", "staging", "prod"] as const;

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

/** Runs index.ts under the mock engine with a stack file's config, as the render does: missing secrets as `[secret]`. */
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

export function ofType(run: ProgramRun, type: string): Registration[] {
  return run.registrations.filter((registration) => registration.type === type);
}

export function byName(run: ProgramRun, type: string, name: string): Registration {
  const found = run.registrations.find((registration) => registration.type === type && registration.name === name);
  if (!found) throw new Error(`no ${type} named ${name} among ${run.registrations.map((r) => `${r.type} ${r.name}`).join(", ")}`);
  return found;
}

/** Helm releases keyed by their Helm release name. */
export function releases(run: ProgramRun): Map<string, Registration> {
  return new Map(ofType(run, "kubernetes:helm.sh/v3:Release").map((release) => [release.inputs.name as string, release]));
}

/** Kubernetes objects (custom resources included) keyed `<Kind> <namespace>/<name>`. */
export function kubernetesObjects(run: ProgramRun): Map<string, Registration> {
  return new Map(
    run.registrations
      .filter((registration) => registration.custom && registration.type.startsWith("kubernetes:") && registration.inputs.metadata !== undefined)
      .map((registration) => {
        const metadata = registration.inputs.metadata as { name?: string; namespace?: string };
        const kind = registration.type.split(":").pop();
        return [`${kind} ${metadata.namespace ?? ""}/${metadata.name ?? registration.name}`, registration];
      }),
  );
}
