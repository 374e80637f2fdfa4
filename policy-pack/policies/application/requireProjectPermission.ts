import { applicationSources, permitsDestination, permitsRepository, projectName, projectOf, projectsByName } from "../../lib/argocd";
import { defineStackPolicy, type StackFinding } from "../../lib/definePolicy";
import { asRecord, asString } from "../../lib/values";

/**
 * An Application stays inside its AppProject: the stack declares the project (Argo CD's `default` project permits
 * every repository and namespace), the project permits each source repository, and the destination cluster and
 * namespace. Argo CD refuses such a sync at run time; the pack says so before `pulumi up`.
 */
export const requireProjectPermission = defineStackPolicy({
  name: "argocd-application-require-project-permission",
  description:
    "Every Application names an AppProject the stack declares in its own namespace, and that project permits its " +
    "source repositories (`sourceRepos`) and its destination (`destinations`: server or name, and namespace; `!` patterns " +
    "deny). Add the repository or namespace to the team's config, or deploy from and to what the team owns.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["Application", "AppProject"],
  check: (inventory) => {
    const projects = projectsByName(inventory);
    const findings: StackFinding[] = [];
    for (const application of inventory.of("Application")) {
      const project = projectOf(application, projects);
      if (project === undefined) {
        findings.push({
          resource: application,
          path: "spec.project",
          found: projectName(application),
          expected: `an AppProject the stack declares in ${application.namespace}`,
          fix: "Name the team's own AppProject; the default project permits every repository and namespace.",
        });
        continue;
      }
      for (const source of applicationSources(application.spec)) {
        if (source.repoURL === undefined || !permitsRepository(project, source.repoURL)) {
          findings.push({ resource: application, path: source.path, found: source.repoURL, expected: `a repository AppProject ${project.name} permits (sourceRepos)`, fix: "Deploy from one of the team's repositories, or add it to the team's repositories." });
        }
      }
      const destination = asRecord(application.spec.destination);
      const namespace = asString(destination.namespace) ?? "";
      if (!permitsDestination(project, { server: asString(destination.server), name: asString(destination.name), namespace })) {
        findings.push({
          resource: application,
          path: "spec.destination",
          found: destination,
          expected: `a destination AppProject ${project.name} permits (destinations)`,
          fix: "Deploy into one of the team's namespaces on this cluster.",
        });
      }
    }
    return findings;
  },
});
