/**
 * Finds the `ssmc` executable from the `ssmc.path` setting.
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

export type Resolution = { ok: true; path: string } | { ok: false; message: string };

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

export function resolveSsmc(setting: string | undefined, machine: Machine): Resolution {
  const configured = (setting ?? "").trim() === "" ? DEFAULT_SSMC : (setting ?? "").trim();
  const p = pathApi(machine.platform);
  if (!isBareName(configured, machine.platform)) {
    const file = expandHome(configured, machine.homedir, machine.platform);
    for (const c of candidates(file, machine)) {
      if (machine.isExecutable(c)) {
        return { ok: true, path: c };
      }
    }
    return {
      ok: false,
      message: `ssmc was not found at \`${file}\` (the \`ssmc.path\` setting). ${INSTALL_STEPS}`,
    };
  }
  const dirs = pathVariable(machine.env)
    .split(p.delimiter)
    .filter((d) => d !== "");
  for (const dir of dirs) {
    for (const c of candidates(configured, machine)) {
      const full = p.join(dir, c);
      if (machine.isExecutable(full)) {
        return { ok: true, path: full };
      }
    }
  }
  return {
    ok: false,
    message: `\`${configured}\` was not found on PATH. ${INSTALL_STEPS}`,
  };
}
