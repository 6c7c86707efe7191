import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AnnotationRecord } from '../../../src/core/model';
import { filterLabels } from '../../../src/renderer/annotate/LabelPopup';
import { toDomRanges } from '../../../src/renderer/annotate/reader/highlight';
import { CODEBOOK, createFakeApi, DOCS, type FakeApi, holdNextAnswer } from '../fakeApi';
import { selectText } from '../selectText';
import { ALICE, asAlice, BOB, openApp } from '../workspace';

const DOC1 = DOCS[0];
const alice = ALICE;
const bob = BOB;

asAlice();

async function start(api: FakeApi = createFakeApi({ records: [alice, bob] })) {
  return { api, reader: await openApp(api) };
}

const saved = () => waitFor(() => expect(screen.getByTestId('save-state').textContent).toBe('saved'));
const last = (api: FakeApi) => api.records.get('doc-1/alice')!;
const run = (text: string) => screen.getAllByTestId('span-run').find((r) => r.textContent === text)!;

describe('span editing', () => {
  it('relabels the selected span with 1–9 and from the editor, moves its edges by word, notes and deletes it', async () => {
    const { api } = await start();
    fireEvent.click(run('Prices'));
    fireEvent.keyDown(window, { key: '2' });
    await saved();
    // The span keeps its id through relabel, resize and note; every save sends it.
    expect(last(api).spans).toEqual([{ id: 's1', start: 0, end: 6, label: 'Security' }]);
    fireEvent.change(screen.getByTestId('span-label'), { target: { value: 'Source' } });
    fireEvent.keyDown(window, { key: 'ArrowRight', shiftKey: true });
    await saved();
    expect(last(api).spans).toEqual([{ id: 's1', start: 0, end: 11, label: 'Source' }]);
    fireEvent.keyDown(window, { key: 'ArrowRight', altKey: true });
    await saved();
    expect(last(api).spans).toEqual([{ id: 's1', start: 7, end: 11, label: 'Source' }]);
    const note = screen.getByTestId('span-note');
    fireEvent.change(note, { target: { value: 'verb of change' } });
    fireEvent.blur(note);
    await saved();
    expect(last(api).spans).toEqual([{ id: 's1', start: 7, end: 11, label: 'Source', note: 'verb of change' }]);
    expect(vi.mocked(api.saveAnnotations).mock.lastCall?.[0].spans[0].id).toBe('s1');
    fireEvent.keyDown(window, { key: 'Delete' });
    await saved();
    expect(last(api).spans).toEqual([]);
    // Ctrl+Z brings it back with its note and id; Ctrl+Y removes it again.
    await act(async () => fireEvent.keyDown(window, { key: 'z', ctrlKey: true }));
    await saved();
    expect(last(api).spans).toEqual([{ id: 's1', start: 7, end: 11, label: 'Source', note: 'verb of change' }]);
    await act(async () => fireEvent.keyDown(window, { key: 'y', ctrlKey: true }));
    await saved();
    expect(last(api).spans).toEqual([]);
  });

  it('labels a selection from the popup, filtered as you type, and ignores white-space selections', async () => {
    const { api, reader } = await start();
    const at = DOC1.text.indexOf('minister');
    selectText(reader, at - 1, at); // only the space before the word
    fireEvent.keyDown(window, { key: '/' });
    expect(screen.queryByTestId('label-popup')).toBeNull();
    expect(screen.getByTestId('notice').textContent).toMatch(/Select some text/);
    selectText(reader, at, at + 3);
    fireEvent.keyDown(window, { key: 'l' });
    const input = screen.getByTestId('label-popup-input');
    fireEvent.change(input, { target: { value: 'hum' } });
    expect(screen.getAllByTestId('label-popup-item').map((b) => b.textContent)).toEqual(['Human interestFrames']);
    fireEvent.keyDown(input, { key: 'Enter' });
    await saved();
    // Code points: the emoji before it is 2 code points in 4 UTF-16 units.
    expect(last(api).spans).toContainEqual({ id: 's2', start: at - 2, end: at + 6, label: 'Human interest' });
    expect(screen.queryByTestId('label-popup')).toBeNull();
  });

  it('filters labels by name, group and description, name matches first', () => {
    expect(filterLabels(CODEBOOK.spanLabels, 'frames').map((l) => l.name)).toEqual([
      'Economic',
      'Security',
      'Human interest',
    ]);
    expect(filterLabels(CODEBOOK.spanLabels, 'jobs').map((l) => l.name)).toEqual(['Economic']);
    expect(filterLabels(CODEBOOK.spanLabels, 's').map((l) => l.name)[0]).toBe('Security');
  });
});

describe('documents and layers', () => {
  it('walks documents with J/K and N, marks done with D, and filters by status', async () => {
    const { api } = await start();
    fireEvent.keyDown(window, { key: 'd' });
    await saved();
    expect(last(api).status).toBe('done');
    await act(async () => fireEvent.keyDown(window, { key: 'j' }));
    await waitFor(() => expect(screen.getByText('وزیر', { exact: false })).toBeTruthy());
    await act(async () => fireEvent.keyDown(window, { key: 'n' }));
    expect(document.querySelector('[aria-current="true"]')?.getAttribute('data-doc-id')).toBe('doc-2');
    const shown = () => screen.getAllByTestId('doc-item').map((d) => d.dataset.docId);
    fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'done' } });
    await waitFor(() => expect(shown()).toEqual(['doc-1']));
    expect(screen.getByTestId('doc-count').textContent).toContain('1 of 2');
    // K walks only what the filter keeps: doc-1 again, as the only done document.
    await act(async () => fireEvent.keyDown(window, { key: 'k' }));
    await waitFor(() =>
      expect(document.querySelector('[aria-current="true"]')?.getAttribute('data-doc-id')).toBe('doc-1'),
    );
    fireEvent.change(screen.getByTestId('filter-status'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('filter-outlet'), { target: { value: 'Hamshahri' } });
    await waitFor(() => expect(shown()).toEqual(['doc-2']));
    fireEvent.change(screen.getByTestId('filter-outlet'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('filter-label'), { target: { value: 'Economic' } });
    await waitFor(() => expect(shown()).toEqual(['doc-1']));
  });

  it('shows other annotators faded and read-only, and the help panel lists the keys', async () => {
    await start();
    expect(document.querySelector('[data-ghosts]')).toBeNull();
    fireEvent.click(screen.getByTestId('show-others'));
    await waitFor(() => expect(document.querySelector('[data-ghosts]')).not.toBeNull());
    const ghost = document.querySelector<HTMLElement>('[data-ghosts]')!;
    expect(ghost.dataset.ghosts).toBe('bob:Security');
    expect(ghost.textContent).toBe('rose');
    expect(ghost.dataset.testid).toBeUndefined(); // not clickable as an own span
    fireEvent.keyDown(window, { key: '?' });
    expect(screen.getByTestId('help-panel').textContent).toContain('next unfinished');
  });
});

describe('codebook editor', () => {
  it('renames a label everywhere, and says how many spans a delete affects before deleting', async () => {
    const { api } = await start();
    fireEvent.click(screen.getByTestId('edit-codebook'));
    fireEvent.click(screen.getAllByTestId('cb-label').find((b) => b.textContent === 'Economic')!);
    const name = screen.getByTestId('label-form').querySelector<HTMLInputElement>('[data-field="Name"]')!;
    fireEvent.change(name, { target: { value: 'Economy' } });
    const desc = screen.getByTestId('label-form').querySelector<HTMLTextAreaElement>('[data-field="Description"]')!;
    fireEvent.change(desc, { target: { value: 'Money matters' } });
    await act(async () => fireEvent.click(screen.getByTestId('save-label')));
    await waitFor(() => expect(api.renameLabel).toHaveBeenCalledWith('Economic', 'Economy', 3));
    expect(last(api).spans).toEqual([{ id: 's1', start: 0, end: 6, label: 'Economy' }]);
    await waitFor(() => expect(run('Prices').dataset.labels).toBe('Economy'));
    expect(api.info.codebook.spanLabels[0]).toMatchObject({ name: 'Economy', description: 'Money matters' });
    expect(screen.getAllByTestId('label-item')[0].getAttribute('title')).toBe('Money matters');

    await act(async () => fireEvent.click(screen.getByTestId('delete-label')));
    await waitFor(() =>
      expect(screen.getByTestId('label-usage').textContent).toMatch(/affects 1 span\(s\) in 1 document/),
    );
    expect(api.deleteLabel).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(screen.getByTestId('confirm-label-op')));
    await waitFor(() => expect(api.deleteLabel).toHaveBeenCalled());
    expect(last(api).spans).toEqual([]);
    await waitFor(() => expect(screen.queryAllByTestId('span-run')).toHaveLength(0));
  });
});

describe('codebook editor: relation types', () => {
  const withRelations = () => {
    const linked: AnnotationRecord = {
      ...alice,
      spans: [
        { id: 's1', start: 0, end: 6, label: 'Economic' },
        { id: 's2', start: 23, end: 30, label: 'Source' },
      ],
      relations: [{ from: 's2', to: 's1', type: 'blames' }],
    };
    const api = createFakeApi({ records: [linked, bob] });
    api.info.codebook = {
      ...CODEBOOK,
      relationTypes: [
        { name: 'blames', color: '#aa0000', source: ['Source'], target: ['Economic'] },
        { name: 'refers to', color: '#00aa00', symmetric: true },
      ],
    };
    return api;
  };
  const form = () => screen.getByTestId('relation-type-form');
  const chooseType = (name: string) =>
    fireEvent.click(screen.getAllByTestId('cb-relation-type').find((b) => b.textContent?.startsWith(name))!);

  it('renames a relation type with every relation following, and changes the labels it allows', async () => {
    const { api } = await start(withRelations());
    fireEvent.click(screen.getByTestId('edit-codebook'));
    expect(screen.getAllByTestId('cb-relation-type').map((b) => b.textContent)).toEqual([
      'blamesrelation',
      'refers torelation · symmetric',
    ]);
    chooseType('blames');
    fireEvent.change(form().querySelector('[data-field="Name"]')!, { target: { value: 'accuses' } });
    fireEvent.click(form().querySelector('[data-testid="rt-target"] [data-label="Security"]')!);
    fireEvent.change(form().querySelector('[data-field="Description"]')!, { target: { value: 'who is blamed' } });
    await act(async () => fireEvent.click(screen.getByTestId('save-relation-type')));
    await waitFor(() => expect(api.renameRelationType).toHaveBeenCalledWith('blames', 'accuses', 3));
    expect(api.records.get('doc-1/alice')?.relations).toEqual([{ from: 's2', to: 's1', type: 'accuses' }]);
    await waitFor(() =>
      expect(api.info.codebook.relationTypes?.[0]).toEqual({
        name: 'accuses',
        color: '#aa0000',
        description: 'who is blamed',
        source: ['Source'],
        target: ['Economic', 'Security'],
      }),
    );
    expect(screen.getAllByTestId('cb-relation-type')[0].textContent).toBe('accusesrelation');
  });

  it('says how many relations a delete removes before deleting; an unused type goes at once; a new one can be added', async () => {
    const { api } = await start(withRelations());
    fireEvent.click(screen.getByTestId('edit-codebook'));
    chooseType('blames');
    await act(async () => fireEvent.click(screen.getByTestId('delete-relation-type')));
    await waitFor(() =>
      expect(screen.getByTestId('relation-type-usage').textContent).toMatch(
        /Deleting “blames” removes 1 relation in 1 document \(alice\)/,
      ),
    );
    expect(api.deleteRelationType).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(screen.getByTestId('confirm-relation-type-op')));
    await waitFor(() => expect(api.deleteRelationType).toHaveBeenCalledWith('blames', 3, undefined));
    expect(api.records.get('doc-1/alice')?.relations).toEqual([]);
    await waitFor(() => expect(screen.getAllByTestId('cb-relation-type')).toHaveLength(1));

    chooseType('refers to');
    await act(async () => fireEvent.click(screen.getByTestId('delete-relation-type')));
    await waitFor(() => expect(api.deleteRelationType).toHaveBeenCalledWith('refers to', 4, undefined));
    await waitFor(() => expect(screen.queryAllByTestId('cb-relation-type')).toHaveLength(0));

    await act(async () => fireEvent.click(screen.getByTestId('add-relation-type')));
    await waitFor(() => expect(api.info.codebook.relationTypes?.map((t) => t.name)).toEqual(['new relation']));
    expect(screen.getByTestId('relation-type-form')).toBeTruthy();
  });
});

describe('the relation list', () => {
  it('shows the first 100 relations of a long list until asked for all', async () => {
    const many: AnnotationRecord = {
      ...alice,
      spans: [
        { id: 's1', start: 0, end: 6, label: 'Economic' },
        { id: 's2', start: 23, end: 30, label: 'Source' },
      ],
      relations: Array.from({ length: 150 }, (_, i) => ({ from: 's2', to: 's1', type: `t${i}` })),
    };
    const api = createFakeApi({ records: [many, bob] });
    api.info.codebook = {
      ...CODEBOOK,
      relationTypes: Array.from({ length: 150 }, (_, i) => ({ name: `t${i}`, color: '#aa0000' })),
    };
    await start(api);
    await waitFor(() => expect(screen.getAllByTestId('relation-row')).toHaveLength(100));
    fireEvent.click(screen.getByTestId('relation-list-all'));
    expect(screen.getAllByTestId('relation-row')).toHaveLength(150);
    expect(screen.queryByTestId('relation-list-all')).toBeNull();
  });
});

describe('search', () => {
  it('finds in the document (count, and ranges that span several runs map back to the text)', async () => {
    const { reader } = await start();
    fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    fireEvent.change(screen.getByTestId('find-input'), { target: { value: 'E' } });
    const expected = DOC1.text.toLowerCase().split('e').length - 1;
    expect(screen.getByTestId('find-count').textContent).toBe(`1 of ${expected}`);
    fireEvent.keyDown(screen.getByTestId('find-input'), { key: 'Enter' });
    expect(screen.getByTestId('find-count').textContent).toBe(`2 of ${expected}`);
    // "Prices rose" crosses the span run of "Prices" into plain text.
    const [r] = toDomRanges(reader, [{ start: 0, end: 11 }]);
    expect(r.toString()).toBe('Prices rose');
    const at = DOC1.text.indexOf('sharply');
    expect(toDomRanges(reader, [{ start: at, end: at + 7 }])[0].toString()).toBe('sharply');
  });

  it('labels the chosen corpus matches in every document, undoable', async () => {
    const { api } = await start();
    fireEvent.keyDown(window, { key: 'F', ctrlKey: true, shiftKey: true });
    fireEvent.change(screen.getByTestId('corpus-query'), { target: { value: 'ali' } });
    await act(async () => fireEvent.click(screen.getByTestId('corpus-search-go')));
    await waitFor(() => expect(screen.getAllByTestId('corpus-hit')).toHaveLength(1));
    expect(screen.getByTestId('corpus-hit').textContent).toContain('doc-2');
    fireEvent.change(screen.getByTestId('corpus-label'), { target: { value: 'Source' } });
    await act(async () => fireEvent.click(screen.getByTestId('corpus-apply')));
    await saved();
    const fa = DOCS[1].text;
    const cp = [...fa.slice(0, fa.indexOf('Ali'))].length;
    expect(api.records.get('doc-2/alice')?.spans).toEqual([{ id: 's1', start: cp, end: cp + 3, label: 'Source' }]);
    await act(async () => fireEvent.keyDown(window, { key: 'z', ctrlKey: true }));
    await saved();
    expect(api.records.get('doc-2/alice')?.spans).toEqual([]);
  });

  it('lists the newest search’s matches when an older search answers last', async () => {
    const { api } = await start();
    const held = holdNextAnswer(vi.mocked(api.searchCorpus));
    fireEvent.keyDown(window, { key: 'F', ctrlKey: true, shiftKey: true });
    fireEvent.change(screen.getByTestId('corpus-query'), { target: { value: 'Prices' } });
    fireEvent.click(screen.getByTestId('corpus-search-go'));
    await waitFor(() => expect(held).toHaveLength(1));
    fireEvent.change(screen.getByTestId('corpus-query'), { target: { value: 'ali' } });
    fireEvent.click(screen.getByTestId('corpus-search-go'));
    await waitFor(() => expect(screen.getByTestId('corpus-status').textContent).toMatch(/^1 match/));
    await act(async () => {
      for (const release of held) release();
    });
    const hits = screen.getAllByTestId('corpus-hit');
    expect(hits).toHaveLength(1);
    expect(hits[0].textContent).toContain('doc-2');
  });
});

describe('more ways in', () => {
  it('right-click on a span opens the label popup to relabel it', async () => {
    const { api } = await start();
    fireEvent.contextMenu(run('Prices'));
    const input = screen.getByTestId('label-popup-input');
    fireEvent.change(input, { target: { value: 'secu' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await saved();
    expect(last(api).spans).toEqual([{ id: 's1', start: 0, end: 6, label: 'Security' }]);
  });

  it('creates a project with a codebook template', async () => {
    const { api } = await start();
    await act(async () => fireEvent.click(screen.getByTestId('close-project')));
    fireEvent.change(await screen.findByTestId('new-name'), { target: { value: 'Policy' } });
    fireEvent.change(screen.getByTestId('create-template'), { target: { value: 'policy-frames' } });
    await act(async () => fireEvent.click(screen.getByTestId('new-create')));
    await waitFor(() => expect(api.saveCodebook).toHaveBeenCalled());
    const [codebook, version] = (
      api.saveCodebook as unknown as { mock: { calls: [{ spanLabels: unknown[] }, number][] } }
    ).mock.calls[0];
    expect(codebook.spanLabels).toHaveLength(15);
    expect(version).toBe(3);
    await waitFor(() => expect(screen.getAllByTestId('label-item')).toHaveLength(15));
  });
});

describe('switching annotators mid-load', () => {
  it('never edits the previous layer, and a key pressed while loading is applied once the record is read', async () => {
    const api = createFakeApi({ records: [alice] });
    const { reader } = await start(api);
    let release: () => void = () => undefined;
    const original = api.getAnnotations;
    api.getAnnotations = async (doc: string, who: string) => {
      await new Promise<void>((r) => {
        release = r;
      });
      return original(doc, who);
    };
    fireEvent.change(screen.getByTestId('annotator'), { target: { value: 'bob' } });
    const at = DOC1.text.indexOf('minister');
    selectText(reader, at, at + 8);
    fireEvent.keyDown(window, { key: '1' });
    expect(api.saveAnnotations).not.toHaveBeenCalled();
    await act(async () => release());
    await saved();
    // Bob's layer has only his span, none of alice's; alice's file is untouched.
    expect(api.records.get('doc-1/bob')?.spans).toEqual([{ id: 's1', start: at - 2, end: at + 6, label: 'Economic' }]);
    expect(api.records.get('doc-1/alice')?.spans).toEqual([{ id: 's1', ...alice.spans[0] }]);
  });
});
