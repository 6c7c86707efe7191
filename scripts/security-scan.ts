// `npm run security:scan`: runs electronegativity over src/ and compares its findings with the accepted ones
// in scripts/security-baseline.json (check + file, each with the reason it is accepted). Exits 1 on any HIGH
// or MEDIUM finding that is not in the baseline; lower ones and baseline entries no longer reported are
// printed. The CSV lands in .tmp/electronegativity.csv.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

interface Accepted {
  check: string;
  file: string;
  severity: string;
  why: string;
}

const root = join(import.meta.dirname, '..');
const out = join(root, '.tmp', 'electronegativity.csv');
mkdirSync(join(root, '.tmp'), { recursive: true });
// The tool writes into an existing file without truncating it: start from none.
rmSync(out, { force: true });
const run = spawnSync(
  process.execPath,
  [
    '-r',
    './scripts/electronegativity-shim.cjs',
    'node_modules/@doyensec/electronegativity/dist/index.js',
    '-i',
    'src',
    '-o',
    out,
    '-r',
    // The tool cannot find the Electron version from src/ and would assume 0.1.0's insecure defaults.
    '-e',
    '38.8.6',
  ],
  { cwd: root, encoding: 'utf8' },
);
if (run.status !== 0) {
  console.error(`security:scan: electronegativity failed (exit ${run.status})\n${run.stderr}`);
  process.exit(1);
}

/** CSV rows: fields separated by commas; a quoted field may hold commas, newlines and doubled quotes. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n') {
      row.push(cell.trim());
      cell = '';
      if (c === '\n') {
        if (row.some(Boolean)) rows.push(row);
        row = [];
      }
    } else cell += c;
  }
  row.push(cell.trim());
  if (row.some(Boolean)) rows.push(row);
  return rows;
}

const rows = csvRows(readFileSync(out, 'utf8')).slice(1);
const findings = rows.map(([check, severity, confidence, file, location]) => ({
  check,
  severity,
  confidence,
  file,
  location,
}));
const baseline = JSON.parse(readFileSync(join(root, 'scripts', 'security-baseline.json'), 'utf8')) as Accepted[];
const accepted = (f: (typeof findings)[number]) => baseline.some((b) => b.check === f.check && b.file === f.file);

let failed = 0;
for (const f of findings) {
  const known = accepted(f);
  const serious = f.severity === 'HIGH' || f.severity === 'MEDIUM';
  if (serious && !known) failed++;
  console.log(
    `${serious && !known ? 'NEW ' : known ? 'accepted' : 'low '} ${f.check} (${f.severity}, ${f.confidence}) ${f.file}:${f.location}`,
  );
}
for (const b of baseline)
  if (!findings.some((f) => f.check === b.check && f.file === b.file))
    console.log(`gone: ${b.check} ${b.file} is no longer reported; remove it from scripts/security-baseline.json`);
console.log(
  `security:scan: ${findings.length} finding(s), ${failed} new HIGH/MEDIUM${failed ? ' (see docs/security.md to accept one with its reason)' : ''}`,
);
process.exit(failed ? 1 : 0);
