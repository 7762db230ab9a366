/** The panel interface: unique ids, clear errors for unknown ones, and lazy loads that retry after a failure. */
import { describe, expect, it } from 'vitest';
import { memoLoad, panelRegistry, type InspectorPanel } from '../../../src/cloud/inspect/panel';

const panel = (id: InspectorPanel['id'], load: () => Promise<string>): InspectorPanel<string> => ({ id, title: id, summary: id, load });

describe('panel registry', () => {
  it('finds panels by id in tab order and names the ones it has when asked for another', () => {
    const r = panelRegistry([panel('timeline', async () => 'T'), panel('why', async () => 'W')]);
    expect(r.panels.map((p) => p.id)).toEqual(['timeline', 'why']);
    expect(r.get('why').title).toBe('why');
    expect(() => r.get('token')).toThrow("No inspector panel 'token' is registered (have: timeline, why).");
  });

  it('refuses two panels with one id', () => {
    expect(() => panelRegistry([panel('why', async () => ''), panel('why', async () => '')])).toThrow("Two inspector panels share the id 'why'.");
  });
});

describe('memoLoad', () => {
  it('loads once, and retries after a failed load', async () => {
    let calls = 0;
    const load = memoLoad(
      panel('time', async () => {
        calls++;
        if (calls === 1) throw new Error('chunk failed');
        return 'Time';
      }),
    );
    await expect(load()).rejects.toThrow('chunk failed');
    expect(await load()).toBe('Time');
    expect(await load()).toBe('Time');
    expect(calls).toBe(2);
  });
});
