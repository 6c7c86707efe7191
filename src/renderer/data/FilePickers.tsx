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
      <input
        ref={filesInput}
        type="file"
        multiple
        hidden
        aria-label="Files to import"
        data-testid="input-files"
        onChange={(e) => {
          void send(filesFromInput(e.target.files));
          e.target.value = '';
        }}
      />
      <input
        ref={(el) => {
          folderInput.current = el;
          el?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        hidden
        aria-label="Folder to import"
        data-testid="input-folder"
        onChange={(e) => {
          void send(filesFromInput(e.target.files));
          e.target.value = '';
        }}
      />
    </span>
  );
}
