/**
 * Finds the `ssmc` executable: the `ssmc.path` setting when the user set it,
 * else the binary bundled in a platform-specific .vsix (`server/ssmc`), else
 * `ssmc` on PATH; the result says which (shown in the output channel).
 *
 * Input: the setting's value and a small view of the machine (`Machine`), so
 * that tests run without touching the real file system or PATH.
 * Output: the absolute path to run, or a message that says what was looked
 * for and how to install ssmc.
 * Invariant: never throws; a bare name is searched on PATH (with PATHEXT on
 * Windows), a path (absolute, `~/…`, or containing a separator) is used as is.
 */
import * as path from "path";

export interface Machine {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
  /** True when `file` exists, is a file, and may be executed. */
  isExecutable(file: string): boolean;
}

/** Where the executable came from. */
export type Source = "setting" | "bundled" | "PATH";

export type Resolution = { ok: true; path: string; source: Source } | { ok: false; message: string };

export const DEFAULT_SSMC = "ssmc";

export const INSTALL_STEPS =
  "Install it from the ssmc repository with `cargo install --path compiler/cli` " +
  "(needs a Rust toolchain, https://rustup.rs), which puts `ssmc` on your PATH, " +
  "or set `ssmc.path` to the executable (for example `target/release/ssmc` after `cargo build --release -p ssmc`).";

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}

/** `~` and `~/x` become the home folder; other paths are unchanged. */
export function expandHome(file: string, homedir: string, platform: NodeJS.Platform): string {
  if (file === "~") {
    return homedir;
  }
  if (file.startsWith("~/") || (platform === "win32" && file.startsWith("~\\"))) {
    return pathApi(platform).join(homedir, file.slice(2));
  }
  return file;
}

function isBareName(file: string, platform: NodeJS.Platform): boolean {
  if (file.startsWith("~")) {
    return false;
  }
  return !(file.includes("/") || (platform === "win32" && file.includes("\\")));
}

/** The names to try for `name` on this platform: `ssmc`, `ssmc.exe`, … */
function candidates(name: string, machine: Machine): string[] {
  if (machine.platform !== "win32") {
    return [name];
  }
  const exts = (machine.env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").filter((e) => e !== "");
  const hasExt = exts.some((e) => name.toLowerCase().endsWith(e.toLowerCase()));
  return hasExt ? [name] : [name, ...exts.map((e) => name + e.toLowerCase())];
}

function pathVariable(env: Record<string, string | undefined>): string {
  // Windows spells it `Path`; environment names are case-insensitive there.
  const key = Object.keys(env).find((k) => k.toUpperCase() === "PATH");
  return (key !== undefined ? env[key] : undefined) ?? "";
}

/**
 * `bundled`: the path of the binary a platform-specific .vsix carries
 * (`<extension>/server/ssmc`), used when the setting is unset (empty or the
 * default `ssmc`) and the file is executable.
 */
export function resolveSsmc(setting: string | undefined, machine: Machine, bundled?: string): Resolution {
  const configured = (setting ?? "").trim() === "" ? DEFAULT_SSMC : (setting ?? "").trim();
  const p = pathApi(machine.platform);
  if (!isBareName(configured, machine.platform)) {
    const file = expandHome(configured, machine.homedir, machine.platform);
    for (const c of candidates(file, machine)) {
      if (machine.isExecutable(c)) {
        return { ok: true, path: c, source: "setting" };
      }
    }
    return {
      ok: false,
      message: `ssmc was not found at \`${file}\` (the \`ssmc.path\` setting). ${INSTALL_STEPS}`,
    };
  }
  if (configured === DEFAULT_SSMC && bundled !== undefined) {
    for (const c of candidates(bundled, machine)) {
      if (machine.isExecutable(c)) {
        return { ok: true, path: c, source: "bundled" };
      }
    }
  }
  const source: Source = configured === DEFAULT_SSMC ? "PATH" : "setting";
  const dirs = pathVariable(machine.env)
    .split(p.delimiter)
    .filter((d) => d !== "");
  for (const dir of dirs) {
    for (const c of candidates(configured, machine)) {
      const full = p.join(dir, c);
      if (machine.isExecutable(full)) {
        return { ok: true, path: full, source };
      }
    }
  }
  return {
    ok: false,
    message: `\`${configured}\` was not found on PATH. ${INSTALL_STEPS}`,
  };
}
