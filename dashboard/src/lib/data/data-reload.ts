/**
 * Reloading the data in place: after the reader's own change to the data (a watch-list edit,
 * which the server commits as a new run), the app loads the new run without asking, keeping the
 * view and selections the URL holds.
 */
import { getContext, setContext } from 'svelte';

const RELOAD_KEY = Symbol('data-reload');

/** Loads the served run again and shows it; resolves once it is shown. */
export type ReloadData = () => Promise<void>;

/** Makes `reload` available to descendants; call once in the root component. */
export function setDataReload(reload: ReloadData): ReloadData {
  return setContext(RELOAD_KEY, reload);
}

/** The reload function, or a full page reload outside the root component (tests). */
export function getDataReload(): ReloadData {
  return (
    getContext<ReloadData | undefined>(RELOAD_KEY) ??
    (async () => {
      window.location.reload();
    })
  );
}
