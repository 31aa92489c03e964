/**
 * What curation tells the rest of the app: "these items' public documents changed" (a published or retracted item
 * was edited, published, corrected or retracted). The publisher subscribes in the composition root (WebSub ping);
 * curate knows nothing of who listens.
 *
 * @example
 * const events = createCurateEvents();
 * events.onPublishedChange((itemIds) => publisher.announce(itemIds));
 * createCurator({ db, settings, idHost, events });
 */
export type PublishedChangeListener = (itemIds: number[]) => void;

export interface CurateEvents {
  /** Subscribes; returns the unsubscribe. */
  onPublishedChange(listener: PublishedChangeListener): () => void;
  /** Tells every listener, in subscription order; a listener that throws does not stop the others (nor the action). */
  emitPublishedChange(itemIds: number[]): void;
}

export function createCurateEvents(onListenerError: (err: unknown) => void = () => {}): CurateEvents {
  const listeners = new Set<PublishedChangeListener>();
  return {
    onPublishedChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emitPublishedChange(itemIds) {
      if (!itemIds.length) return;
      for (const listener of listeners) {
        try {
          listener(itemIds);
        } catch (err) {
          onListenerError(err);
        }
      }
    },
  };
}
