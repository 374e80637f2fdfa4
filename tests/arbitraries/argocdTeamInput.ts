import fc from "fast-check";
import { kubernetesName } from "./kubernetesName";

/**
 * A valid `argocd` stack config for a dev stack whose app namespaces are `namespaces`: one team owning some of them,
 * with repositories and Applications that stay inside what the team owns.
 */
export function argocdTeamInput(namespaces: readonly string[]) {
  return fc
    .record({
      team: kubernetesName().filter((name) => name !== "default"),
      owned: fc.subarray([...namespaces], { minLength: 1 }),
      repositories: fc.uniqueArray(kubernetesName().map((name) => `https://git.example.com/${name}.git`), { minLength: 1, maxLength: 3 }),
      applications: fc.uniqueArray(kubernetesName(), { minLength: 1, maxLength: 3 }),
      pick: fc.nat(),
    })
    .map(({ team, owned, repositories, applications, pick }) => ({
      enabled: true,
      teams: [
        {
          name: team,
          namespaces: owned,
          repositories,
          applications: applications.map((name, i) => ({ name, repository: repositories[(pick + i) % repositories.length], path: `deploy/${name}`, namespace: owned[(pick + i) % owned.length] })),
        },
      ],
    }));
}
