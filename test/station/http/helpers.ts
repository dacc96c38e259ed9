import { screenView, type ScreenInputs, type ScreenView } from '../../../station/http/view.js';
import { createSession, scanInput, step, type PackContext } from '../../../station/pack/index.js';
import { context } from '../pack/helpers.js';

/** The screen's view of station ST-07 after `codes` were scanned, with its printer and hub as `devices` say. */
export function viewAfter(codes: string[], devices: Pick<ScreenInputs, 'printer' | 'hub'>, ctx: PackContext = context()): ScreenView {
  let session = createSession('ST-07');
  let display = step(session, { type: 'tick' }, ctx).display;
  for (const code of codes) ({ state: session, display } = step(session, scanInput(code, Date.now()), ctx));
  return screenView({ station: 'ST-07', display, ...devices, hubSilenceMs: 300_000 });
}
