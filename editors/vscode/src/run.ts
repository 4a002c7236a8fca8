/**
 * Runs `ssmc` once and collects what it printed.
 *
 * Input: the executable, its arguments, a working folder.
 * Output: exit code, stdout, stderr; a process that cannot start reports
 * code -1 and the error in `stderr`, it never throws.
 */
import { execFile } from "child_process";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runSsmc(command: string, args: string[], cwd: string, timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      if (err === null) {
        resolve({ code: 0, stdout, stderr });
        return;
      }
      const code = typeof err.code === "number" ? err.code : -1;
      resolve({ code, stdout, stderr: stderr || err.message });
    });
  });
}
