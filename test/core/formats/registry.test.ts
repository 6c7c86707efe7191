// The registry is the one list of formats: names and extensions claimed once, options described once per
// key, every format documented, and no format named in a branch outside its own module.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOptionsSchema } from '../../../src/core/formats/options';
import {
  allOptions,
  EXPORT_FORMAT_NAMES,
  FORMATS,
  guessFormat,
  IMPORT_FORMAT_NAMES,
  optionValue,
} from '../../../src/core/formats/registry';

const SRC = join(import.meta.dirname, '..', '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('format registry', () => {
  it('names each format once, claims each extension once, and says what each carries and loses', () => {
    const names = FORMATS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    const extensions = FORMATS.flatMap((f) => f.extensions);
    expect(new Set(extensions).size).toBe(extensions.length);
    for (const f of FORMATS) {
      expect(f.title.length, f.name).toBeGreaterThan(10);
      expect(f.carries.length, f.name).toBeGreaterThan(0);
      for (const key of ['bom', 'crlf', 'nfc', 'equalTexts'] as const)
        expect(f.text[key], `${f.name} ${key}`).not.toBe('');
    }
    expect(IMPORT_FORMAT_NAMES).toEqual([
      'txt',
      'html',
      'jsonl',
      'csv',
      'brat',
      'webanno-tsv',
      'doccano',
      'label-studio',
      'conll',
      'ptc',
      'qdpx',
      'qdc',
    ]);
    expect(EXPORT_FORMAT_NAMES).toContain('hf');
    expect(EXPORT_FORMAT_NAMES).not.toContain('html');
  });

  it('describes an option shared by several formats the same way in each', () => {
    for (const use of ['import', 'export'] as const)
      for (const { spec } of allOptions(use))
        for (const f of FORMATS)
          for (const other of use === 'import' ? f.importOptions : f.exportOptions)
            if (other.key === spec.key)
              expect({ ...other, help: '', label: '' }, `${f.name}.${spec.key}`).toEqual({
                ...spec,
                help: '',
                label: '',
              });
  });

  it('guesses from the extensions the formats claim', () => {
    expect(guessFormat(['a.ann'])).toEqual({ format: 'brat' });
    expect(guessFormat(['a.labels'])).toEqual({ format: 'ptc' });
    expect(guessFormat(['corpus'])).toEqual({ format: 'txt' });
    expect(guessFormat(['nvivo.QDPX'])).toEqual({ format: 'qdpx' });
    expect(guessFormat(['codes.qdc'])).toEqual({ format: 'qdc' });
    expect(guessFormat(['a.xml'])).toEqual({ problem: 'cannot tell the format of .xml files: choose one' });
  });

  it('reads option values from text, refusing what does not fit', () => {
    const [split] = allOptions('export').filter((o) => o.spec.key === 'split');
    expect(optionValue(split.spec, '0.8, 0.1,0.1')).toEqual({ train: 0.8, dev: 0.1, test: 0.1 });
    expect(() => optionValue(split.spec, '0.8,0.3,0.1')).toThrow(/add up to 1/);
    const [layout] = allOptions('export').filter((o) => o.spec.key === 'layout');
    expect(() => optionValue(layout.spec, 'tables')).toThrow(/use label, entities, entities-lists/);
    const [map] = allOptions('import').filter((o) => o.spec.key === 'mapping');
    expect(optionValue(map.spec, 'id=uid,text=body')).toEqual({ id: 'uid', text: 'body' });
  });

  it('validates API requests with schemas built from the registry, refusing an option the format does not take', () => {
    expect(importOptionsSchema.safeParse({ paths: ['/a'], format: 'ptc', labels: '/l.tsv' }).success).toBe(true);
    const wrong = importOptionsSchema.safeParse({ paths: ['/a'], format: 'jsonl', labels: '/l.tsv' });
    expect(wrong.success).toBe(false);
    expect(JSON.stringify(wrong.error?.issues)).toContain('labels does not apply to jsonl');
    expect(importOptionsSchema.safeParse({ paths: ['/a'], format: 'no-such-format' }).success).toBe(false);
    expect(importOptionsSchema.safeParse({ paths: ['/a'], format: 'brat', drop: ['relations', 'bogus'] }).success).toBe(
      false,
    );
  });

  it('no file outside a format\u2019s own module branches on a format name', () => {
    const names = FORMATS.map((f) => f.name).join('|');
    const branch = new RegExp(`(===|!==|case)\\s*'(${names})'`);
    const offenders = files(SRC)
      .filter((p) => !relative(SRC, p).startsWith(join('core', 'formats')))
      .filter((p) => branch.test(readFileSync(p, 'utf8')))
      .map((p) => relative(SRC, p));
    expect(offenders).toEqual([]);
  });

  it('docs/formats.md says what each format does with a BOM, CRLF, non-NFC text and equal texts, as the registry does', () => {
    const docs = readFileSync(join(SRC, '..', 'docs', 'formats.md'), 'utf8');
    const cell = (s: string) => s.replace(/\|/g, '\\|');
    for (const f of FORMATS)
      expect(docs, f.name).toContain(
        `| \`${f.name}\` | ${cell(f.text.bom)} | ${cell(f.text.crlf)} | ${cell(f.text.nfc)} | ${cell(f.text.equalTexts)} |`,
      );
  });
});
