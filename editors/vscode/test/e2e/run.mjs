// The extension in a real VS Code: code-server (VS Code 1.100 in the
// browser) with the packaged .vsix installed, driven through Chromium by
// playwright-core, as a user drives it: keys, menus and what the screen shows.
//
// Usage: node run.mjs URL WORKSPACE ARTIFACTS
//   URL        code-server's address (started with --auth none on WORKSPACE)
//   WORKSPACE  an empty folder; the runbook is written there and the edits
//              are read back from disk after each save
//   ARTIFACTS  where the screenshots go (one per check, and one on failure)
//
// Each check asserts what the user sees (or what the saved file holds):
// diagnostics appearing and clearing, a did-you-mean quick fix, hover text,
// action completion and the text it inserts, go to definition into an
// `ssmc-stdlib:` file, rename of a variable (its `variable:X` included), the
// flow graph panel and the compiled preview; and in an existing YAML SSM
// document (with `ssmc.ssmDocuments` on): its error, its quick fix, input
// completion and hover on an action; and the called document's parameters
// completed in a step's `Parameters`. Chromium is Debian's
// (CHROMIUM, default /usr/bin/chromium).
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { chromium } from "playwright-core";

const [url, workspace, artifacts] = process.argv.slice(2);
if (!url || !workspace || !artifacts) {
  console.error("usage: node run.mjs URL WORKSPACE ARTIFACTS");
  process.exit(2);
}
fs.mkdirSync(artifacts, { recursive: true });

// A misspelt parameter on line 4 (`InstanceID`): one error, with a did-you-mean.
const RUNBOOK = `automation Poll {
  param InstanceId: String
  var Status: String = "new"
  step Set = aws:updateVariable { Name: "variable:Status", Value: "{{ InstanceID }}" } timeout 1m
  step Wait = aws:sleep { Duration: "PT1S" } on_failure goto Set
}
`;
fs.writeFileSync(path.join(workspace, "poll.rbk"), RUNBOOK);
// Two shellcheck findings (SC2164, SC2115) in a command's script: SSM209 when shellcheck is on PATH.
fs.writeFileSync(
  path.join(workspace, "clean.rbk"),
  `/// Cleans.
command Clean {
  /// The folder.
  param Dir: String = "/tmp/x"
  step Run = aws:runShellScript { runCommand: ["cd {{ Dir }}", "rm -rf $TARGET/*"] }
}
`,
);

// An existing SSM document: `nextStep: Wiat` is E2001, with a did-you-mean.
const YAML = `schemaVersion: "0.3"
parameters:
  InstanceId:
    type: String
mainSteps:
  - name: Start
    action: aws:sleep
    nextStep: Wiat
    inputs:
      Duration: PT1S
  - name: Wait
    action: aws:sleep
    inputs:
      Duration: "{{ InstanceId }}"
`;
fs.writeFileSync(path.join(workspace, "poll.yaml"), YAML);
// A runbook that runs a Command document of its own file: its Parameters map completes that document's parameters.
fs.writeFileSync(
  path.join(workspace, "calls.rbk"),
  `command Restart {
  param Wait: String = "60"
  param Service: String
  step R = aws:runShellScript { runCommand: ["true"] }
}
automation Main {
  param Id: String
  step Run = aws:runCommand { InstanceIds: [Id], DocumentName: "Restart", Parameters: {  } }
}
`,
);
// JSON/YAML files reach the server only with this setting (off by default).
fs.mkdirSync(path.join(workspace, ".vscode"), { recursive: true });
fs.writeFileSync(path.join(workspace, ".vscode", "settings.json"), JSON.stringify({ "ssmc.ssmDocuments": true }));

/** The file of the active editor, as the checks read it back from disk. */
let file = path.join(workspace, "poll.rbk");

/** How long the slowest thing may take (the server's first analysis on a busy CI machine). */
const SLOW = 60_000;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const results = [];

async function shot(name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

/** One named check: passes, or records the error and a screenshot, and the run goes on. */
async function check(name, body) {
  try {
    // Whatever the last check left open (a hover, a menu) closes first: its screenshot showed it.
    await page.keyboard.press("Escape");
    await body();
    await shot(name);
    results.push({ name, ok: true });
    console.log(`ok   ${name}`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${e.message.split("\n")[0]}`);
    await shot(`${name}-failed`).catch(() => {});
    await page.keyboard.press("Escape").catch(() => {});
  }
}

function expect(cond, message) {
  if (!cond) {
    throw new Error(message);
  }
}

/** Polls `read` until `ok(value)`, else throws with the last value seen. */
async function until(what, read, ok, timeout = SLOW) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read().catch((e) => `(${e.message.split("\n")[0]})`);
    if (ok(last)) {
      return last;
    }
    if (Date.now() > end) {
      throw new Error(`${what}: last seen ${JSON.stringify(last)}`);
    }
    await page.waitForTimeout(250);
  }
}

const editor = () => page.locator(".editor-group-container.active .monaco-editor .view-lines").first();

/** Runs a command from the command palette by its title. */
async function command(title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-box input");
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().click();
}

/** Moves the cursor to the start of `needle` plus `delta` characters, as "Go to Line/Column" does. */
async function cursorAt(needle, delta = 0) {
  const text = fs.readFileSync(file, "utf8");
  const at = text.indexOf(needle);
  expect(at >= 0, `${needle} not in the file`);
  const before = text.slice(0, at + delta);
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-box input");
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press("Enter");
  await until("the cursor", () => page.locator(".statusbar").innerText(), (s) => s.includes(`Ln ${line}, Col ${column}`), 10_000);
}

/** Saves the active editor and returns the file as written. */
async function saved() {
  const before = fs.statSync(file).mtimeMs;
  await page.keyboard.press("Control+S");
  await until("the save", async () => fs.statSync(file).mtimeMs, (m) => m !== before, 10_000);
  return fs.readFileSync(file, "utf8");
}

const errorSquiggles = () => page.locator(".editor-group-container.active .squiggly-error").count();

await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
await page.locator(".monaco-workbench").waitFor({ timeout: SLOW });
/** Opens a workspace file with Quick Open. */
async function open(name) {
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-box input");
  await input.waitFor();
  await input.fill(name);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().click();
  await until(`the ${name} tab`, () => page.locator(".tab.active").first().innerText(), (t) => t.includes(name));
  await editor().waitFor({ timeout: SLOW });
  file = path.join(workspace, name);
}

await open("poll.rbk");

await check("diagnostics-appear", async () => {
  await until("an error squiggle under InstanceID", errorSquiggles, (n) => n >= 1);
});

await check("quick-fix-and-diagnostics-clear", async () => {
  await cursorAt("InstanceID", 2);
  await page.keyboard.press("Control+.");
  // The menu lists the quick fixes of the diagnostic under the cursor, this one alone.
  const menu = page.locator(".action-widget");
  await until("the quick fix menu", () => menu.innerText(), (t) => t.includes("replace with `InstanceId`"));
  await page.keyboard.press("Enter");
  await until("the error squiggle gone", errorSquiggles, (n) => n === 0);
  const text = await saved();
  expect(text.includes('"{{ InstanceId }}"') && !text.includes("InstanceID"), `saved: ${text}`);
});

await check("hover-keyword", async () => {
  await cursorAt("timeout 1m", 2);
  await command("Show or Focus Hover");
  const hover = await until("hover text", () => page.locator(".monaco-hover:visible").first().innerText(), (t) => t.includes("timeoutSeconds"));
  expect(hover.includes("timeoutSeconds"), hover);
});

/** The labels of the suggestion list opened at the cursor (Ctrl+Space). */
async function suggestions(expected) {
  await page.keyboard.press("Control+Space");
  const rows = page.locator(".suggest-widget .monaco-list-row .label-name");
  return until(`suggestions with ${expected}`, () => rows.allInnerTexts(), (all) => Array.isArray(all) && all.includes(expected));
}

await check("completion-inside-interpolation", async () => {
  await cursorAt("{{ InstanceId }}", 3);
  const labels = await suggestions("InstanceId");
  expect(labels.includes("automation:EXECUTION_ID"), `the automation: built-ins: ${labels}`);
  expect(!labels.includes("step") && !labels.includes("param"), `no keywords: ${labels}`);
});

await check("completion-after-goto", async () => {
  await cursorAt("goto Set", 5);
  const labels = await suggestions("Set");
  expect(labels.includes("Wait"), `the steps: ${labels}`);
  expect(!labels.includes("InstanceId") && !labels.includes("step"), `steps only: ${labels}`);
});

await check("completion-inserts-the-action", async () => {
  await cursorAt("on_failure goto Set", "on_failure goto Set".length);
  await page.keyboard.press("Enter");
  await page.keyboard.type("step Run = aws:r", { delay: 20 });
  await page.keyboard.press("Control+Space");
  const item = page.locator(".suggest-widget .monaco-list-row", { hasText: "aws:runCommand" }).first();
  await item.waitFor({ timeout: SLOW });
  await item.click();
  const text = await saved();
  expect(text.includes("step Run = aws:runCommand") && !text.includes("aws:aws:"), `saved: ${text}`);
  // Back to the runbook as it was: the new line goes.
  await page.keyboard.press("Control+Shift+K");
  await saved();
});

await check("definition-into-stdlib", async () => {
  await cursorAt("aws:sleep", 5);
  await command("Go to Definition");
  await until("the stdlib tab", () => page.locator(".tab.active").first().innerText(), (t) => t.includes("sleep.rbk"));
  const text = await until("the stdlib source", () => editor().innerText(), (t) => t.includes("aws:sleep"));
  expect(!text.includes("could not read"), text);
});

await check("rename-variable", async () => {
  await open("poll.rbk");
  await cursorAt("var Status", 5);
  await page.keyboard.press("F2");
  const input = page.locator(".rename-box input");
  await input.waitFor({ timeout: SLOW });
  await input.fill("Phase");
  await page.keyboard.press("Enter");
  await until("the renamed text", () => editor().innerText(), (t) => t.includes("variable:Phase"));
  const text = await saved();
  expect(text.includes("var Phase") && text.includes('"variable:Phase"') && !text.includes("Status"), `saved: ${text}`);
});

/** The element `selector` in any frame (webviews nest two iframes deep), or null. */
async function inSomeFrame(selector) {
  for (const frame of page.frames()) {
    const found = frame.locator(selector);
    if ((await found.count().catch(() => 0)) > 0) {
      return found;
    }
  }
  return null;
}

await check("flow-graph-panel", async () => {
  await command("SSM Runbook: Show Flow Graph");
  const nodes = await until("the graph's step nodes", () => inSomeFrame('[data-step="Wait"]'), (n) => n !== null);
  expect((await nodes.count()) === 1, "one Wait node");
  expect((await inSomeFrame('[data-step="Set"]')) !== null, "a Set node");
});

await check("compiled-preview", async () => {
  await open("poll.rbk");
  await command("ssmc: Show compiled document");
  await until(
    "the compiled YAML",
    () => page.locator(".monaco-editor .view-lines").allInnerTexts(),
    (all) => Array.isArray(all) && all.some((t) => t.includes("schemaVersion") && t.includes("aws:sleep")),
  );
});

await check("completion-of-the-called-documents-parameters", async () => {
  await open("calls.rbk");
  await cursorAt("Parameters: {  }", "Parameters: { ".length);
  const labels = await suggestions("Service");
  expect(labels.includes("Wait"), `both parameters: ${labels}`);
  expect(labels.indexOf("Service") < labels.indexOf("Wait"), `the required one first: ${labels}`);
});

const shellcheck = spawnSync("shellcheck", ["--version"]).status === 0;
await check("shellcheck-findings", async () => {
  if (!shellcheck) {
    console.log("     (skipped: shellcheck is not on PATH)");
    return;
  }
  await open("clean.rbk");
  await command("Focus on Problems View");
  // The view lists every open file's problems; its filter keeps shellcheck's in sight.
  await page.keyboard.press("Control+F");
  await page.keyboard.type("SSM209");
  const problems = page.locator(".markers-panel");
  await until("two SSM209 findings", () => problems.innerText(), (t) => (t.match(/SSM209/g) || []).length >= 2);
});

await check("yaml-document-diagnostics-and-quick-fix", async () => {
  await open("poll.yaml");
  await until("an error squiggle under Wiat", errorSquiggles, (n) => n >= 1);
  await cursorAt("Wiat", 1);
  await page.keyboard.press("Control+.");
  const menu = page.locator(".action-widget");
  await until("the quick fix menu", () => menu.innerText(), (t) => t.includes("replace with `Wait`"));
  await page.keyboard.press("Enter");
  await until("the error squiggle gone", errorSquiggles, (n) => n === 0);
  const text = await saved();
  expect(text.includes("nextStep: Wait\n") && !text.includes("Wiat"), `saved: ${text}`);
});

await check("yaml-document-input-completion", async () => {
  await cursorAt("Duration: PT1S", "Duration: PT1S".length);
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  const labels = await suggestions("Timestamp");
  expect(!labels.includes("Duration"), `Duration is written already: ${labels}`);
  await page.locator(".suggest-widget .monaco-list-row", { hasText: "Timestamp" }).first().click();
  const text = await saved();
  expect(/\n {6}Duration: PT1S\n {6}Timestamp: \n/.test(text), `saved: ${text}`);
  // Back to the document as it was.
  await page.keyboard.press("Control+Shift+K");
  await saved();
});

await check("yaml-document-hover-action", async () => {
  await cursorAt("aws:sleep", 5);
  await command("Show or Focus Hover");
  await until("the action's hover", () => page.locator(".monaco-hover:visible").first().innerText(), (t) => t.includes("Waits for a duration"));
});

await browser.close();
const failed = results.filter((r) => !r.ok).length;
console.log(`vscode: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
