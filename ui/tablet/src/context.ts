import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api.js';
import type { PageModel } from './model/page-model.js';
import type { Lang, Strings } from './strings.js';

/** What every view reads: the words, the API, the feed's model, who is looking, and the time. */
export interface PageContext {
  readonly s: Strings;
  readonly lang: Lang;
  readonly api: Api;
  readonly model: PageModel;
  /** The hub says this token may take the manager's actions (acknowledge, decide, confirm, dispute): admin, manager. */
  readonly canAct: boolean;
  /**
   * The hub says this token sees customers whole (admin, manager): only then are the evidence
   * clip, photo and export offered, which show the shipping label and which the hub refuses others.
   */
  readonly seesCustomers: boolean;
  /** The clock the views show ages against (ms), ticking every few seconds. */
  readonly now: number;
  /** Bumped after records were applied, so views re-read the model. */
  readonly version: number;
  /** Call after changing the model outside the feed (e.g. an ack answer). */
  readonly refresh: () => void;
}

export const Page = createContext<PageContext | null>(null);

export function usePage(): PageContext {
  const page = useContext(Page);
  if (!page) throw new Error('usePage outside <Page.Provider>');
  return page;
}
