// What an import of REFI-QDA keeps (users, code and source GUIDs, variables no metadata key took) as the
// project stores it: tables of [key, value] entries (interop/qdpx.json). Values come back from a file a
// person may have edited, so each is checked and one that is not what was written is left out.
import type { KeptTables } from '../types';
import type { QdpxKeep } from './mapping';
import { isGuid } from './read';
import { VARIABLE_TYPES, type VariableType } from './types';

/** The table file's name: .qdpx and .qdc imports share it (codes keep their GUIDs across both). */
export const INTEROP = 'qdpx';

export function keepTables(keep: Partial<QdpxKeep>): KeptTables {
  const out: KeptTables = {};
  for (const name of ['users', 'labels', 'groups', 'documents'] as const) {
    const table = keep[name];
    if (table) out[name] = Object.keys(table).map((k) => [k, table[k]]);
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The kept tables back as a QdpxKeep, and how many entries were not what an import writes. */
export function keepFromTables(tables: KeptTables): { keep: QdpxKeep; unreadable: number } {
  const keep: QdpxKeep = { users: dict(), labels: dict(), groups: dict(), documents: dict() };
  let unreadable = 0;
  const each = (name: string, take: (key: string, value: unknown) => boolean) => {
    for (const [key, value] of Object.hasOwn(tables, name) ? tables[name] : []) if (!take(key, value)) unreadable++;
  };
  each('users', (k, v) => {
    if (
      !isObject(v) ||
      typeof v.guid !== 'string' ||
      !isGuid(v.guid) ||
      !optionalString(v.name) ||
      !optionalString(v.id)
    )
      return false;
    keep.users[k] = {
      guid: v.guid,
      ...(typeof v.name === 'string' ? { name: v.name } : {}),
      ...(typeof v.id === 'string' ? { id: v.id } : {}),
    };
    return true;
  });
  for (const name of ['labels', 'groups'] as const)
    each(name, (k, v) => {
      if (typeof v !== 'string' || !isGuid(v)) return false;
      keep[name][k] = v;
      return true;
    });
  each('documents', (k, v) => {
    if (!isObject(v) || typeof v.source !== 'string' || !isGuid(v.source) || !optionalString(v.name)) return false;
    const variables = v.variables;
    if (
      variables !== undefined &&
      !(
        Array.isArray(variables) &&
        variables.every(
          (x) =>
            isObject(x) &&
            typeof x.name === 'string' &&
            typeof x.value === 'string' &&
            (VARIABLE_TYPES as readonly unknown[]).includes(x.type),
        )
      )
    )
      return false;
    keep.documents[k] = {
      source: v.source,
      ...(typeof v.name === 'string' ? { name: v.name } : {}),
      ...(variables
        ? {
            variables: (variables as Record<string, unknown>[]).map((x) => ({
              name: x.name as string,
              type: x.type as VariableType,
              value: x.value as string,
            })),
          }
        : {}),
    };
    return true;
  });
  return { keep, unreadable };
}
