// The native dialogs the backend asks for (import, export, project folders). What the user picks here is
// the only way a path from outside reaches the service in the app: the renderer gets a grant, never a
// say over which path it names.
import type { BrowserWindow, FileFilter, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { dialog } from 'electron';
import type { Dialogs } from '../backend/service';
import { FORMATS } from '../core/formats/registry';

/** The files some format reads, first; any file after (a format may be named by hand). */
export function importFilters(): FileFilter[] {
  const readers = FORMATS.filter((f) => f.parse);
  const extensions = [...new Set(readers.flatMap((f) => [...f.extensions, ...(f.reads ?? [])]))].map((e) =>
    e.replace(/^\./, ''),
  );
  return [
    { name: 'Files Frame Lens can import', extensions: extensions.sort() },
    { name: 'All files', extensions: ['*'] },
  ];
}

/** The suggested name's own type, so the dialog keeps its extension; none for a folder. */
export function exportFilters(suggestedName: string, folder: boolean): FileFilter[] {
  const ext = /\.([A-Za-z0-9]{1,10})$/.exec(suggestedName)?.[1];
  return folder || !ext ? [] : [{ name: `${ext.toUpperCase()} file`, extensions: [ext] }];
}

export function createDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  const open = async (options: OpenDialogOptions): Promise<string[] | null> => {
    const win = getWindow();
    const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return picked.canceled || picked.filePaths.length === 0 ? null : picked.filePaths;
  };
  return {
    openFiles: (kind) =>
      open(
        kind === 'folder'
          ? { title: 'Import a folder', buttonLabel: 'Import', properties: ['openDirectory'] }
          : {
              title: 'Import files',
              buttonLabel: 'Import',
              filters: importFilters(),
              properties: ['openFile', 'multiSelections'],
            },
      ),
    async saveFile(suggestedName, folder) {
      const win = getWindow();
      // A folder format is written as a new folder of that name; the OS dialog asks before replacing a file.
      const options: SaveDialogOptions = {
        title: folder ? 'Export into a new folder' : 'Export',
        defaultPath: suggestedName,
        filters: exportFilters(suggestedName, folder),
        buttonLabel: 'Export',
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const picked = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return picked.canceled || !picked.filePath ? null : picked.filePath;
    },
    async projectFolder(mode) {
      const picked = await open(
        mode === 'create'
          ? {
              title: 'New Project',
              message: 'Choose or create an empty folder for the new project',
              buttonLabel: 'Create Project',
              properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
            }
          : { title: 'Open Project', buttonLabel: 'Open', properties: ['openDirectory'] },
      );
      return picked?.[0] ?? null;
    },
  };
}
