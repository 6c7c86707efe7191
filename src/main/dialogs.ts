// The native dialogs the backend asks for (import, export, project folders). What the user picks here is
// the only way a path from outside reaches the service in the app: the renderer gets a grant, never a
// say over which path it names.
import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { dialog } from 'electron';
import type { Dialogs } from '../backend/service';

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
          : { title: 'Import files', buttonLabel: 'Import', properties: ['openFile', 'multiSelections'] },
      ),
    async saveFile(suggestedName, folder) {
      const win = getWindow();
      // A folder format is written as a new folder of that name; the OS dialog asks before replacing a file.
      const options: SaveDialogOptions = {
        title: folder ? 'Export into a new folder' : 'Export',
        defaultPath: suggestedName,
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
