// A dialog that closes gives the focus back to the control that had it before it opened: at once, in the task
// that closed it (so the frame showing it gone has no focus change of its own), and again in the next frame if
// something took the focus away in between (a click outside it).
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useFocusReturn } from '../../../src/renderer/ui/useFocusReturn';

function Dialog({ open }: { open: boolean }) {
  useFocusReturn(open);
  if (!open) return null;
  return (
    <div className="popup" role="dialog">
      <input data-testid="inside" />
    </div>
  );
}

function Page({ open }: { open: boolean }) {
  return (
    <>
      <button type="button" data-testid="opener">
        Open
      </button>
      <Dialog open={open} />
    </>
  );
}

const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

async function openedFrom() {
  const view = render(<Page open={false} />);
  const opener = screen.getByTestId('opener');
  act(() => opener.focus());
  view.rerender(<Page open={true} />);
  await frame();
  expect(document.activeElement).toBe(screen.getByTestId('inside'));
  return { view, opener };
}

afterEach(cleanup);

describe('useFocusReturn', () => {
  it('gives the focus back as the dialog closes, before the next frame', async () => {
    const { view, opener } = await openedFrom();
    act(() => view.rerender(<Page open={false} />));
    expect(document.activeElement).toBe(opener);
  });

  it('gives it back again in the next frame when it was lost after the dialog closed', async () => {
    const { view, opener } = await openedFrom();
    act(() => view.rerender(<Page open={false} />));
    act(() => opener.blur());
    expect(document.activeElement).toBe(document.body);
    await frame();
    expect(document.activeElement).toBe(opener);
  });
});
