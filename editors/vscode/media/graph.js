// The flow-graph webview's script: a click on a step's node (any element
// inside an element with `data-step`) posts `{ type: "reveal", step }` to the
// extension, which moves the cursor to that step. Loaded with the page's
// nonce; it also loads in node (module.exports) so its logic is unit-tested.
"use strict";

/**
 * The step name of the nearest element at or above `el` with a `data-step`
 * attribute, or undefined. Works on DOM elements and on any object with
 * `getAttribute` and `parentElement` (or `parentNode`).
 */
function stepOf(el) {
  let node = el;
  for (let depth = 0; node && depth < 256; depth++) {
    if (typeof node.getAttribute === "function") {
      const step = node.getAttribute("data-step");
      if (step !== null && step !== undefined && step !== "") {
        return step;
      }
    }
    node = node.parentElement || node.parentNode || null;
  }
  return undefined;
}

if (typeof module !== "undefined" && module.exports) {
  module.exports = { stepOf };
} else if (typeof acquireVsCodeApi === "function") {
  const vscode = acquireVsCodeApi();
  document.addEventListener("click", (event) => {
    const step = stepOf(event.target);
    if (step !== undefined) {
      event.preventDefault();
      vscode.postMessage({ type: "reveal", step });
    }
  });
}
