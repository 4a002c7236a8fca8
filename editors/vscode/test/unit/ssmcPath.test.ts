// Unit tests of `ssmc` path resolution (src/ssmcPath.ts) over a fake machine.
import { strict as assert } from "assert";
import { test } from "node:test";

import { expandHome, Machine, resolveSsmc } from "../../src/ssmcPath";

function fake(platform: NodeJS.Platform, env: Record<string, string>, executables: string[]): Machine {
  return { platform, env, homedir: platform === "win32" ? "C:\\Users\\me" : "/home/me", isExecutable: (f) => executables.includes(f) };
}

test("a bare name is searched on PATH in order", () => {
  const m = fake("linux", { PATH: "/usr/bin:/home/me/.cargo/bin:/opt/bin" }, ["/home/me/.cargo/bin/ssmc", "/opt/bin/ssmc"]);
  assert.deepEqual(resolveSsmc(undefined, m), { ok: true, path: "/home/me/.cargo/bin/ssmc", source: "PATH" });
  assert.deepEqual(resolveSsmc("", m), { ok: true, path: "/home/me/.cargo/bin/ssmc", source: "PATH" });
  assert.deepEqual(resolveSsmc("  ssmc ", m), { ok: true, path: "/home/me/.cargo/bin/ssmc", source: "PATH" });
});

test("not on PATH: the message names what was looked for and how to install", () => {
  const r = resolveSsmc("ssmc", fake("linux", { PATH: "/usr/bin" }, []));
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.message.includes("`ssmc` was not found on PATH"));
  assert.ok(!r.ok && r.message.includes("cargo install --path compiler/cli"));
  assert.ok(!r.ok && r.message.includes("ssmc.path"));
});

test("an explicit path is used as is, `~` expanded, and reported when missing", () => {
  const m = fake("linux", { PATH: "" }, ["/work/target/release/ssmc", "/home/me/bin/ssmc"]);
  assert.deepEqual(resolveSsmc("/work/target/release/ssmc", m), { ok: true, path: "/work/target/release/ssmc", source: "setting" });
  assert.deepEqual(resolveSsmc("~/bin/ssmc", m), { ok: true, path: "/home/me/bin/ssmc", source: "setting" });
  const r = resolveSsmc("/nope/ssmc", m);
  assert.ok(!r.ok && r.message.includes("not found at `/nope/ssmc`"));
});

test("Windows: Path is case-insensitive and PATHEXT extensions are tried", () => {
  const m = fake("win32", { Path: "C:\\tools;C:\\Users\\me\\.cargo\\bin", PATHEXT: ".COM;.EXE" }, ["C:\\Users\\me\\.cargo\\bin\\ssmc.exe"]);
  assert.deepEqual(resolveSsmc("ssmc", m), { ok: true, path: "C:\\Users\\me\\.cargo\\bin\\ssmc.exe", source: "PATH" });
  assert.deepEqual(resolveSsmc("C:\\Users\\me\\.cargo\\bin\\ssmc", m), { ok: true, path: "C:\\Users\\me\\.cargo\\bin\\ssmc.exe", source: "setting" });
});

test("expandHome only touches a leading ~", () => {
  assert.equal(expandHome("~", "/home/me", "linux"), "/home/me");
  assert.equal(expandHome("~/x/ssmc", "/home/me", "linux"), "/home/me/x/ssmc");
  assert.equal(expandHome("/a/~/b", "/home/me", "linux"), "/a/~/b");
});

test("the binary bundled in a platform .vsix comes before PATH, the setting before both", () => {
  const bundled = "/ext/server/ssmc";
  const m = fake("linux", { PATH: "/usr/bin" }, [bundled, "/usr/bin/ssmc", "/opt/ssmc"]);
  assert.deepEqual(resolveSsmc(undefined, m, bundled), { ok: true, path: bundled, source: "bundled" });
  assert.deepEqual(resolveSsmc("ssmc", m, bundled), { ok: true, path: bundled, source: "bundled" });
  assert.deepEqual(resolveSsmc("/opt/ssmc", m, bundled), { ok: true, path: "/opt/ssmc", source: "setting" });
  // No bundled binary (the universal .vsix): PATH.
  const plain = fake("linux", { PATH: "/usr/bin" }, ["/usr/bin/ssmc"]);
  assert.deepEqual(resolveSsmc(undefined, plain, bundled), { ok: true, path: "/usr/bin/ssmc", source: "PATH" });
});
