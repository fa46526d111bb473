// Lints Dockerfiles with dockerfile-utils (the engine of VS Code's Dockerfile diagnostics): syntax, instruction
// arguments, flags, stage names, escapes. Usage: node validate-dockerfile.mjs FILE...
// Prints one JSON line per file: {file, diagnostics: [{line, severity, message}]}; exits 1 if any has an error or a
// warning.
import { readFile } from "node:fs/promises";
import { validate } from "dockerfile-utils";

const severities = { 1: "error", 2: "warning", 3: "information", 4: "hint" };
let failed = false;
for (const file of process.argv.slice(2)) {
  const text = await readFile(file, "utf8");
  const diagnostics = validate(text).map((d) => ({
    line: d.range.start.line + 1,
    severity: severities[d.severity] ?? String(d.severity),
    message: d.message,
  }));
  failed ||= diagnostics.some((d) => d.severity === "error" || d.severity === "warning");
  console.log(JSON.stringify({ file, diagnostics }));
}
process.exit(failed ? 1 : 0);
