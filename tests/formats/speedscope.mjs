// Checks memsnap's -f speedscope files against speedscope's own JSON
// schema (the file-format-schema.json its npm package ships) with ajv,
// and against Python: the bytes of each stack, summed, must be the sizes
// of statistics('traceback') in a TSV case generate.py wrote.
//
//   node speedscope.mjs MODULES_DIR GOLDEN_TSV_OR_- FILE.json...
// MODULES_DIR holds node_modules/{speedscope,ajv}. Prints one line per
// file; exit status 1 if any failed.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [modules, golden, ...files] = process.argv.slice(2);
const require = createRequire(path.join(modules, "node_modules", "x.js"));
const Ajv = require("ajv");
const schemaFile = path.join(modules, "node_modules", "speedscope", "dist", "release",
                             "file-format-schema.json");
const validate = new Ajv({ allErrors: true, strict: false })
    .compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
let failed = 0, passed = 0;

function problems(doc) {
    const out = [];
    if (!validate(doc))
        out.push("schema: " + JSON.stringify(validate.errors.slice(0, 3)));
    for (const p of doc.profiles ?? []) {
        if (p.samples.length !== p.weights.length)
            out.push(`${p.name}: ${p.samples.length} samples, ${p.weights.length} weights`);
        const sum = p.weights.reduce((a, b) => a + b, 0);
        if (sum !== p.endValue - p.startValue)
            out.push(`${p.name}: weights add up to ${sum}, not endValue ${p.endValue}`);
        for (const s of p.samples)
            if (s.some((f) => !Number.isInteger(f) || f < 0 || f >= doc.shared.frames.length))
                out.push(`${p.name}: a frame index out of range in ${JSON.stringify(s)}`);
    }
    return out;
}

// "file:line;file:line<TAB>bytes" of the first profile, stacks summed.
function stacks(doc) {
    const p = doc.profiles[0], sums = new Map();
    p.samples.forEach((s, i) => {
        const key = s.map((f) => doc.shared.frames[f].name).join(";");
        sums.set(key, (sums.get(key) ?? 0) + p.weights[i]);
    });
    return [...sums].map(([k, v]) => `${k}\t${v}`).sort();
}

for (const [i, file] of files.entries()) {
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    const out = problems(doc);
    if (i === 0 && golden !== "-") {
        const want = fs.readFileSync(golden, "utf8").split("\n").slice(1).filter((l) => l)
            .map((l) => { const f = l.split("\t"); return `${f[3]}\t${f[0]}`; }).sort();
        const got = stacks(doc);
        if (JSON.stringify(want) !== JSON.stringify(got))
            out.push(`stacks differ from ${golden}:\n  want ${want.join("\n       ")}\n` +
                     `  got  ${got.join("\n       ")}`);
    }
    console.log(out.length ? `FAIL ${file}: ${out.join("; ")}` : `ok ${file}`);
    failed += out.length > 0;
    passed += out.length === 0;
}
console.log(`speedscope: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
