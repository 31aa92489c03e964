import { describe, expect, it } from 'vitest';
import { createCurateEvents } from '../../src/curate/index.js';

describe('curate events', () => {
  it('tells every listener in order; one that throws does not stop the others', () => {
    const errors: unknown[] = [];
    const events = createCurateEvents((err) => errors.push(err));
    const heard: string[] = [];
    events.onPublishedChange((ids) => heard.push(`a${ids.join()}`));
    events.onPublishedChange(() => {
      throw new Error('listener bug');
    });
    events.onPublishedChange((ids) => heard.push(`c${ids.join()}`));
    events.emitPublishedChange([4, 5]);
    expect(heard).toEqual(['a4,5', 'c4,5']);
    expect(errors).toHaveLength(1);
  });

  it('stops telling a listener that unsubscribed, and says nothing for no items', () => {
    const events = createCurateEvents();
    const heard: number[][] = [];
    const off = events.onPublishedChange((ids) => heard.push(ids));
    events.emitPublishedChange([]);
    events.emitPublishedChange([1]);
    off();
    events.emitPublishedChange([2]);
    expect(heard).toEqual([[1]]);
  });
});
