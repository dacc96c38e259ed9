import { useEffect, useState } from 'preact/hooks';
import { usePage } from './context.js';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: string | undefined;
  readonly reload: () => void;
}

/**
 * GETs `path` now and again whenever `revision` moves (the feed says the data changed), at most
 * every 300 ms; keeps the last answer while the next one loads.
 */
export function useApi<T>(path: string | null, revision: number): Loaded<T> {
  const { api } = usePage();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [manual, setManual] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    const timer = setTimeout(async () => {
      const result = await api.get<T>(path);
      if (!live) return;
      if (result.ok) {
        setData(result.value);
        setError(undefined);
      } else setError(result.code);
    }, data === undefined ? 0 : 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [path, revision, manual]);
  return { data, error, reload: () => setManual((n) => n + 1) };
}
