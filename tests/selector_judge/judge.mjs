// The JSONPath judge of tests/aws_api_selector_differential.py: jsonpath-plus
// (pinned in package-lock.json). Reads lines on stdin: `I <json array>` sets
// the response instances, `S <selector>` evaluates the selector on each of
// them. Writes one line per `S`: the match counts, comma-separated (one per
// instance), or `E <message>` when the selector does not evaluate.
import { createInterface } from 'node:readline';
import { JSONPath } from 'jsonpath-plus';

let instances = [];
const out = [];
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.startsWith('I ')) {
    instances = JSON.parse(line.slice(2));
  } else if (line.startsWith('S ')) {
    const path = line.slice(2);
    try {
      // `ignoreEvalErrors`: a filter reading a member an element lacks is
      // false for that element (as in Jayway), not an error for the whole query.
      out.push(instances.map((json) => JSONPath({ path, json, wrap: true, ignoreEvalErrors: true }).length).join(','));
    } catch (e) {
      out.push(`E ${String(e.message).replace(/\n/g, ' ')}`);
    }
  }
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
