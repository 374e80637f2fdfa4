import * as fs from "fs";
import * as path from "path";
import { ConfigFileError, displayPath, readYamlFile } from "./configFile";

/** What the engine hands a program: config values as text, keyed `<namespace>:<key>`, and which of them are secret. */
export interface StackConfig {
  readonly project: string;
  readonly stack: string;
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
}

export class UnknownStackError extends Error {}

/** What the offline render shows in place of a `secure:` value it cannot decrypt. */
export const secretPlaceholder = "[secret]";

function asConfigText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function isSecure(value: unknown): boolean {
  return value !== null && typeof value === "object" && "secure" in value;
}

function qualify(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

/** The stacks this project has: one `Pulumi.<stack>.yaml` each. */
export function listStacks(projectDir: string): string[] {
  return fs
    .readdirSync(projectDir)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The `config:` map of a stack file; an empty file, or one without `config:`, has none. */
function stackFileConfig(stackFile: string): Record<string, unknown> {
  const document = readYamlFile(stackFile);
  const config = isMap(document) ? document.config : document;
  if (config === undefined || config === null) return {};
  if (!isMap(config)) throw new ConfigFileError(`${displayPath(stackFile)}: expected a YAML map with a \`config:\` map of keys such as istio-mesh:istio, got ${JSON.stringify(config)?.slice(0, 60)}`);
  return config;
}

/**
 * Stack config as `pulumi preview` would pass it: project-level `value`/`default` entries of Pulumi.yaml,
 * overridden by `Pulumi.<stack>.yaml`. A `secure:` entry is present but shown as `[secret]`.
 */
export function loadStackConfig(projectDir: string, stack: string): StackConfig {
  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(stackFile)) {
    throw new UnknownStackError(`unknown stack "${stack}": no ${path.basename(stackFile)} (stacks here: ${listStacks(projectDir).join(", ")})`);
  }
  const projectFile = readYamlFile(path.join(projectDir, "Pulumi.yaml")) as { name: string; config?: Record<string, unknown> };
  const project = projectFile.name;
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];

  for (const [key, declaration] of Object.entries(projectFile.config ?? {})) {
    const declared = declaration !== null && typeof declaration === "object" ? (declaration as Record<string, unknown>) : { value: declaration };
    const value = declared.value ?? declared.default;
    if (value !== undefined) config[qualify(project, key)] = asConfigText(value);
  }

  const stackValues = stackFileConfig(stackFile);
  for (const [key, value] of Object.entries(stackValues)) {
    const fullKey = qualify(project, key);
    if (isSecure(value)) {
      config[fullKey] = secretPlaceholder;
      secretKeys.push(fullKey);
    } else {
      config[fullKey] = asConfigText(value);
    }
  }
  return { project, stack, config, secretKeys };
}
