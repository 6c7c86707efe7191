// The app's views, in the order of the view switch. A new view is a folder with its component, and one line here.
// Annotate is the first screen and comes with the bundle; the others load when first opened, so the first
// screen's script stays small (charts, tables and import forms are not needed to start annotating).
import type { ComponentType } from 'react';
import { AnnotateView } from '../annotate/AnnotateView';
import { later } from '../ui/later';

interface ViewEntry {
  id: string;
  title: string;
  Component: ComponentType;
}

export const VIEWS: readonly ViewEntry[] = [
  { id: 'annotate', title: 'Annotate', Component: AnnotateView },
  {
    id: 'agreement',
    title: 'Agreement',
    Component: later(() => import('../agreement/AgreementView'), 'AgreementView'),
  },
  {
    id: 'adjudicate',
    title: 'Adjudicate',
    Component: later(() => import('../adjudicate/AdjudicateView'), 'AdjudicateView'),
  },
  { id: 'study', title: 'Study', Component: later(() => import('../study/StudyView'), 'StudyView') },
  { id: 'outlets', title: 'Outlets', Component: later(() => import('../outlets/OutletsView'), 'OutletsView') },
  {
    id: 'data',
    title: 'Import & export',
    Component: later(() => import('../data/ImportExportView'), 'ImportExportView'),
  },
];
