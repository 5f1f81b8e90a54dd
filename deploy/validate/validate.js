// Validates every Kubernetes manifest under a folder, offline (run by .ci/run):
//   node validate.js ../k8s
// 1. Each document against its kind's OpenAPI schema (kubernetes-models: types, required fields, formats).
// 2. Unknown fields (a misspelt `limts:` the schema check lets through), by type-checking the documents
//    as object literals of kubernetes-models' TypeScript interfaces (excess property checks).
// 3. The project's rules for workloads: pinned images, resources, non-root read-only containers with a
//    writable /tmp, grace periods and preStop, a PodDisruptionBudget for each Deployment and StatefulSet.
// Templates (*.yaml.example, e.g. the Secrets) are checked like the manifests.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, "../k8s"));
const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);

function manifestFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return manifestFiles(path);
    return /\.(ya?ml)(\.example)?$/.test(entry.name) ? [path] : [];
  }).sort();
}

// -- read ---------------------------------------------------------------------------------------------
const manifests = [];
for (const file of manifestFiles(root)) {
  const name = relative(root, file);
  parseAllDocuments(readFileSync(file, "utf8")).forEach((doc, index) => {
    const where = `${name}#${index}`;
    if (doc.errors.length > 0) {
      doc.errors.forEach((e) => problem(where, `YAML: ${e.message}`));
      return;
    }
    const object = doc.toJS();
    if (object === null || object === undefined) return;
    if (typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
      problem(where, "no apiVersion and kind");
      return;
    }
    manifests.push({ where, file: name, object });
  });
}
if (manifests.length === 0) problem(root, "no manifests found");

// -- 1. schemas ---------------------------------------------------------------------------------------
const modulePath = (m) => `kubernetes-models/${m.object.apiVersion}/${m.object.kind}`;
for (const m of manifests) {
  let Model;
  try {
    ({ [m.object.kind]: Model } = await import(modulePath(m)));
  } catch {
    problem(m.where, `unknown kind ${m.object.apiVersion} ${m.object.kind}`);
    continue;
  }
  try {
    new Model(m.object).validate();
  } catch (e) {
    problem(m.where, `${m.object.kind} ${m.object.metadata?.name}: ${e.message}`);
  }
}

// -- 2. unknown fields --------------------------------------------------------------------------------
const typed = manifests.filter((m) => !problems.some((p) => p.startsWith(`${m.where}: unknown kind`)));
const lines = [];
const origin = []; // origin[line - 1] = the manifest a line of the generated file belongs to
typed.forEach((m, i) => {
  const text = [`import type { I${m.object.kind} as T${i} } from "${modulePath(m)}";`,
    `export const m${i}: T${i} = ${JSON.stringify(m.object, null, 2)};`];
  for (const line of text.join("\n").split("\n")) {
    lines.push(line);
    origin.push(m);
  }
});
const build = join(here, "build");
mkdirSync(build, { recursive: true });
const generated = join(build, "manifests.mts");
writeFileSync(generated, lines.join("\n") + "\n");
try {
  execFileSync(process.execPath, [join(here, "node_modules/typescript/lib/tsc.js"), "--noEmit", "--strict",
    "--skipLibCheck", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", generated],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
} catch (e) {
  const output = `${e.stdout ?? ""}${e.stderr ?? ""}`;
  const found = [...output.matchAll(/manifests\.mts\((\d+),\d+\): error (TS\d+: .*)/g)];
  if (found.length === 0) problem("type check", output.trim() || e.message);
  for (const [, line, message] of found) {
    const m = origin[Number(line) - 1];
    problem(m ? m.where : `line ${line}`, `${lines[Number(line) - 1].trim()} -> ${message}`);
  }
}

// -- 3. the project's rules ---------------------------------------------------------------------------
const podSpecOf = (o) => ({
  Deployment: o.spec?.template?.spec, StatefulSet: o.spec?.template?.spec, Job: o.spec?.template?.spec,
  CronJob: o.spec?.jobTemplate?.spec?.template?.spec,
}[o.kind]);
const templateLabels = (o) => (o.kind === "CronJob" ? o.spec?.jobTemplate?.spec?.template : o.spec?.template)?.metadata?.labels ?? {};
const selects = (selector, labels) => Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
const byKind = (kind) => manifests.filter((m) => m.object.kind === kind).map((m) => m.object);

for (const m of manifests) {
  const o = m.object;
  const pod = podSpecOf(o);
  if (!pod) continue;
  const name = `${o.kind} ${o.metadata?.name}`;
  const longRunning = o.kind === "Deployment" || o.kind === "StatefulSet";
  if (!o.metadata?.namespace) problem(m.where, `${name}: no namespace`);
  if (pod.securityContext?.runAsNonRoot !== true) problem(m.where, `${name}: pod securityContext.runAsNonRoot is not true`);
  if (longRunning && pod.terminationGracePeriodSeconds === undefined) problem(m.where, `${name}: no terminationGracePeriodSeconds`);
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
    const where = `${name} container ${c.name}`;
    const tag = /^[^@]+:([^:/@]+)$/.exec(c.image ?? "")?.[1];
    if (!tag || tag === "latest") problem(m.where, `${where}: image ${c.image} is not pinned to a version tag`);
    for (const kind of ["requests", "limits"]) {
      for (const resource of ["cpu", "memory"]) {
        if (!c.resources?.[kind]?.[resource]) problem(m.where, `${where}: no resources.${kind}.${resource}`);
      }
    }
    const sc = c.securityContext ?? {};
    if (sc.readOnlyRootFilesystem !== true) problem(m.where, `${where}: readOnlyRootFilesystem is not true`);
    if (sc.allowPrivilegeEscalation !== false) problem(m.where, `${where}: allowPrivilegeEscalation is not false`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) problem(m.where, `${where}: capabilities are not dropped`);
    const tmp = (c.volumeMounts ?? []).find((v) => v.mountPath === "/tmp");
    const tmpVolume = tmp && (pod.volumes ?? []).find((v) => v.name === tmp.name);
    if (!tmpVolume?.emptyDir) problem(m.where, `${where}: no emptyDir mounted at /tmp for the read-only root file system`);
    if (longRunning && !c.lifecycle?.preStop) problem(m.where, `${where}: no preStop hook`);
  }
  if (longRunning) {
    const labels = templateLabels(o);
    const budget = byKind("PodDisruptionBudget").find((p) => p.metadata?.namespace === o.metadata?.namespace && selects(p.spec?.selector, labels));
    if (!budget) problem(m.where, `${name}: no PodDisruptionBudget selects its pods`);
  }
}
for (const name of ["analytics-collector", "analytics-processor"]) {
  if (!byKind("HorizontalPodAutoscaler").some((h) => h.spec?.scaleTargetRef?.kind === "Deployment" && h.spec?.scaleTargetRef?.name === name)) {
    problem("deploy/k8s", `no HorizontalPodAutoscaler scales ${name}`);
  }
}

if (problems.length > 0) {
  console.error(`${problems.length} problem(s) in ${root}:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`${manifests.length} manifests in ${relative(process.cwd(), root) || "."} are valid`);
