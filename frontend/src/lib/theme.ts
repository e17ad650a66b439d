import { useEffect, useSyncExternalStore } from 'react';
import { useStoredState } from './storage';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'flowdeck.theme';

function subscribeScheme(cb: () => void) {
  const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
  mq?.addEventListener?.('change', cb);
  return () => mq?.removeEventListener?.('change', cb);
}
const systemDark = () => !!window.matchMedia?.('(prefers-color-scheme: dark)').matches;

/** The theme the user chose (remembered) and the one in effect. */
export function useTheme() {
  const [choice, setChoice] = useStoredState<ThemeChoice>(KEY, 'system');
  const osDark = useSyncExternalStore(subscribeScheme, systemDark, () => false);
  const dark = choice === 'dark' || (choice === 'system' && osDark);
  useEffect(() => {
    const root = document.documentElement;
    if (choice === 'system') delete root.dataset.theme;
    else root.dataset.theme = choice;
  }, [choice]);
  const cycle = () => setChoice(choice === 'system' ? (osDark ? 'light' : 'dark') : choice === 'dark' ? 'light' : 'dark');
  return { choice, dark, setChoice, cycle };
}
