// Validates Kubernetes manifests against the Kubernetes OpenAPI schemas that kubernetes-models compiles
// (types, formats, enums, required fields). Usage: node validate-kubernetes.mjs FILE...
// Prints one JSON line per document: {file, index, apiVersion, kind, name, errors}; exits 1 if any has errors.
import { readFile } from "node:fs/promises";
import { parseAllDocuments } from "yaml";

async function modelFor(apiVersion, kind) {
  // "v1" is the core group (kubernetes-models/v1); "apps/v1" is kubernetes-models/apps/v1.
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return null;
  }
  try {
    const models = await import(`kubernetes-models/${apiVersion}`);
    return models[kind] ?? null;
  } catch {
    return null;
  }
}

let failed = false;
for (const file of process.argv.slice(2)) {
  const text = await readFile(file, "utf8");
  const documents = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false });
  for (const [index, document] of (Array.isArray(documents) ? documents : [documents]).entries()) {
    const report = { file, index, apiVersion: null, kind: null, name: null, errors: [] };
    if (document.errors.length > 0) {
      report.errors.push(...document.errors.map((e) => `YAML: ${e.message}`));
    } else {
      const object = document.toJS();
      report.apiVersion = object?.apiVersion ?? null;
      report.kind = object?.kind ?? null;
      report.name = object?.metadata?.name ?? null;
      const Model = await modelFor(report.apiVersion, report.kind);
      if (Model === null) {
        report.errors.push(`no Kubernetes schema for apiVersion ${report.apiVersion} kind ${report.kind}`);
      } else {
        try {
          new Model(object).validate();
        } catch (e) {
          report.errors.push(e.message);
        }
      }
    }
    failed ||= report.errors.length > 0;
    console.log(JSON.stringify(report));
  }
}
process.exit(failed ? 1 : 0);
