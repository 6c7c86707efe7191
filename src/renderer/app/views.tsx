// The app's views, in the order of the view switch. A new view is a folder with its component, and one line here.
import type { ComponentType } from 'react';
import { AdjudicateView } from '../adjudicate/AdjudicateView';
import { AgreementView } from '../agreement/AgreementView';
import { AnnotateView } from '../annotate/AnnotateView';
import { ImportExportView } from '../data/ImportExportView';
import { OutletsView } from '../outlets/OutletsView';
import { StudyView } from '../study/StudyView';

interface ViewEntry {
  id: string;
  title: string;
  Component: ComponentType;
}

export const VIEWS: readonly ViewEntry[] = [
  { id: 'annotate', title: 'Annotate', Component: AnnotateView },
  { id: 'agreement', title: 'Agreement', Component: AgreementView },
  { id: 'adjudicate', title: 'Adjudicate', Component: AdjudicateView },
  { id: 'study', title: 'Study', Component: StudyView },
  { id: 'outlets', title: 'Outlets', Component: OutletsView },
  { id: 'data', title: 'Import & export', Component: ImportExportView },
];
