import { cpuMillicores, memoryBytes } from "../../../policy-pack/lib/quantities";

describe("quantities", () => {
  it.each([["500m", 500], ["1", 1000], ["1.5", 1500], [2, 2000]])("reads CPU %p as %d millicores", (value, millicores) => expect(cpuMillicores(value)).toBe(millicores));
  it.each([undefined, null, "", "1 core", "500M", "-1"])("rejects CPU %p", (value) => expect(cpuMillicores(value)).toBeUndefined());
  it.each([["512Mi", 512 * 1024 ** 2], ["2Gi", 2 * 1024 ** 3], ["1G", 1e9], ["1024", 1024], ["1Ki", 1024]])("reads memory %p as %d bytes", (value, bytes) => expect(memoryBytes(value)).toBe(bytes));
  it.each([undefined, null, "", "2 GB", "1Gb", "-1Gi"])("rejects memory %p", (value) => expect(memoryBytes(value)).toBeUndefined());
});
