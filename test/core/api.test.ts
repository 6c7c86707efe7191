import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  API,
  API_METHODS,
  type ApiArgs,
  type ChangeKind,
  type CodebookEdit,
  type FrameLensApi,
  httpPath,
  ipcChannel,
  type SaveAnnotationsInput,
} from '../../src/core/api';
import type { AnnotationRecord, DocumentSummary } from '../../src/core/model';

describe('the API table', () => {
  it('is the one list of methods: names, IPC channels and HTTP paths all come from it', () => {
    expect(API_METHODS).toEqual(Object.keys(API));
    expect(new Set(API_METHODS.map(ipcChannel)).size).toBe(API_METHODS.length);
    expect(ipcChannel('getProject')).toBe('framelens:getProject');
    expect(httpPath('saveAnnotations')).toBe('/api/saveAnnotations');
  });

  it('leaves arguments out only at the end of a call', () => {
    for (const method of API_METHODS) {
      const optional = API[method].args.map((spec) => spec.endsWith('?'));
      expect(optional.slice(optional.indexOf(true) < 0 ? optional.length : optional.indexOf(true))).not.toContain(
        false,
      );
    }
  });

  it('has no runtime import, so the preload and the renderer take it without zod', () => {
    const source = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'core', 'api.ts'), 'utf8');
    const imports = source.match(/^(import|export) .* from .*$/gm) ?? [];
    expect(imports.length).toBeGreaterThan(0);
    for (const line of imports) expect(line).toMatch(/^(import|export) type /);
  });

  it('derives each method\u2019s signature from its row', () => {
    expectTypeOf<FrameLensApi['listDocuments']>().parameters.toEqualTypeOf<[string?]>();
    expectTypeOf<FrameLensApi['listDocuments']>().returns.toEqualTypeOf<Promise<DocumentSummary[]>>();
    expectTypeOf<FrameLensApi['getAnnotations']>().returns.toEqualTypeOf<Promise<AnnotationRecord | null>>();
    expectTypeOf<ApiArgs<'renameLabel'>>().toEqualTypeOf<[string, string, number, CodebookEdit?]>();
    expectTypeOf<ApiArgs<'saveAnnotations'>>().toEqualTypeOf<[SaveAnnotationsInput]>();
    expectTypeOf<SaveAnnotationsInput['baseUpdatedAt']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<ChangeKind>().toEqualTypeOf<
      'annotation' | 'document' | 'codebook' | 'index' | 'project' | 'study' | 'model'
    >();
    expectTypeOf<ApiArgs<'modelSuggestions'>>().toEqualTypeOf<[string, string]>();
    expectTypeOf<ApiArgs<'startTraining'>>().toEqualTypeOf<[{ folds?: number; seed?: number }?]>();
  });
});
