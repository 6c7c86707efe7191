// The Outlets view's data: the document list (outlet, date, story), suggested stories, and the outlet
// report for the chosen label, story and layer. Older data stays on screen while newer loads.
import { useCallback, useEffect, useState } from 'react';
import type { OutletReport } from '../../core/api';
import type { DocumentSummary } from '../../core/model';
import type { StorySuggestion } from '../../core/stories';
import { useApi, useApp } from '../state/context';
import { errorText } from '../ui/errors';
import { type Layer, layerOptions } from '../ui/layer';

interface OutletData {
  documents: DocumentSummary[];
  stories: StorySuggestion[];
  report: OutletReport | null;
  loading: boolean;
  error: string | null;
  reload(): Promise<void>;
}

export function useOutletData(selection: { label: string; story: string; layer: Layer }): OutletData {
  const api = useApi();
  const { label, story, layer } = selection;
  // a coder of an open round sees no phrase others marked on its documents
  const viewer = useApp((s) => s.annotator);
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [stories, setStories] = useState<StorySuggestion[]>([]);
  const [report, setReport] = useState<OutletReport | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    void version;
    let live = true;
    Promise.all([api.listDocuments(), api.storySuggestions()]).then(
      ([docs, s]) => {
        if (!live) return;
        setDocuments(docs);
        setStories(s);
      },
      (err) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [api, version]);

  useEffect(() => {
    void version;
    let live = true;
    setLoading(true);
    api
      .outlets({
        ...(label ? { label } : {}),
        ...(story ? { story } : {}),
        ...layerOptions(layer),
        ...(viewer ? { viewer } : {}),
      })
      .then(
        (r) => {
          if (!live) return;
          setReport(r);
          setError(null);
        },
        (err) => live && setError(errorText(err)),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, label, story, layer, version, viewer]);

  const reload = useCallback(async () => {
    setVersion((v) => v + 1);
  }, []);
  return { documents, stories, report, loading, error, reload };
}
