export * from './curate-item.js';
export { CurateError, type CurateErrorCode } from './errors.js';
export { renderNoteHtml } from './render-note.js';
export { createCurator, type Curator, type CuratorDeps } from './curator.js';
export { createCurateEvents, type CurateEvents, type PublishedChangeListener } from './events.js';
