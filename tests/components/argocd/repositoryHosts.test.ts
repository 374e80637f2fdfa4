import { repositoryHosts } from "../../../components/mesh/specs/argocd";

const teams = (...repositories: string[][]) => ({ teams: repositories.map((urls, i) => ({ name: `team-${i}`, namespaces: [], repositories: urls, grants: [], applications: [] })) });

describe("repositoryHosts, the hosts the repo server's ServiceEntry opens", () => {
  it("takes each host once, sorted, across teams, with or without :443 and a path", () => {
    expect(repositoryHosts(teams(["https://github.com/example/a.git", "https://git.example.com:443/b.git"], ["https://github.com/example/c.git", "https://gitlab.com"]))).toEqual([
      "git.example.com",
      "github.com",
      "gitlab.com",
    ]);
  });
  it("keeps a host as written where WHATWG URL would reject it (an xn-- label that is not punycode), as Argo CD's Go reads it", () => {
    expect(repositoryHosts(teams(["https://git.xn--0/deploy.git"]))).toEqual(["git.xn--0"]);
  });
});
