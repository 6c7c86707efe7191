// Ways to choose files to import: the native dialog in the Electron app, file inputs in the browser
// (files, or a folder with webkitdirectory). Dropping on the window works in both.
import { useRef } from 'react';
import { useApp } from '../state/context';
import { filesFromInput } from './upload';
import { usePickFiles, useSendFiles } from './useSendFiles';

export function FilePickers({ disabled = false }: { disabled?: boolean }) {
  const dialogs = useApp((s) => s.shell?.dialogs ?? false);
  const send = useSendFiles();
  const pick = usePickFiles();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  if (dialogs)
    return (
      <span className="file-pickers">
        <button type="button" disabled={disabled} onClick={() => void pick('files')} data-testid="pick-files">
          Choose files…
        </button>
        <button type="button" disabled={disabled} onClick={() => void pick('folder')} data-testid="pick-folder">
          Choose a folder…
        </button>
      </span>
    );
  return (
    <span className="file-pickers">
      <button type="button" disabled={disabled} onClick={() => filesInput.current?.click()} data-testid="pick-files">
        Choose files…
      </button>
      <button type="button" disabled={disabled} onClick={() => folderInput.current?.click()} data-testid="pick-folder">
        Choose a folder…
      </button>
      {[
        { name: 'Files to import', testId: 'input-files', folder: false },
        { name: 'Folder to import', testId: 'input-folder', folder: true },
      ].map((i) => (
        <input
          key={i.testId}
          ref={(el) => {
            (i.folder ? folderInput : filesInput).current = el;
            if (i.folder) el?.setAttribute('webkitdirectory', '');
          }}
          type="file"
          multiple={!i.folder}
          hidden
          aria-label={i.name}
          data-testid={i.testId}
          onChange={(e) => {
            void send(filesFromInput(e.target.files));
            e.target.value = '';
          }}
        />
      ))}
    </span>
  );
}
