/** A prayer note's Markdown rendered to sanitized HTML (the curator's preview, the public page, the feeds). */
import { marked } from 'marked';
import { sanitizeHtml } from '../sanitizer/sanitize-html.js';

export function renderNoteHtml(markdown: string | null): string | null {
  if (!markdown?.trim()) return null;
  return sanitizeHtml(marked.parse(markdown, { async: false, gfm: true, breaks: true }) as string);
}
