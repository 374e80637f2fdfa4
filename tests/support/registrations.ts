import type { ProgramRun, Registration } from "../../scripts/offline/mockEngine";

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
