/** Groups items about one event into stories, so a curator sees "also reported by…" and works the story once. */
import type { Db } from '../db/index.js';
import { getStoryRow, joinStory, listStoryCandidates, type StoryRow } from '../store/stories.js';
import { isSameStory, STORY_WINDOW_DAYS, type StoryCandidate, type TermVector } from './similarity.js';

/** Assigns each given item to the story of the most recent similar item, if any. Returns how many joined one. */
export function groupStories(db: Db, itemIds: number[]): number {
  const terms = new WeakMap<StoryCandidate, TermVector>();
  let joined = 0;
  for (const id of itemIds) {
    const item = getStoryRow(db, id);
    if (!item || item.storyId !== null) continue;
    const match = listStoryCandidates(db, id, item.at, STORY_WINDOW_DAYS).find((c: StoryRow) => isSameStory(item, c, terms));
    if (!match) continue;
    joinStory(db, id, match.id, match.storyId ?? Math.min(id, match.id));
    joined++;
  }
  return joined;
}
