/**
 * The public pages, as hono JSX (escaped by default). Only `entryContentHtml`/`prayerNoteHtml` output, which is
 * sanitized HTML built in `publish/entry-content`, is inserted raw.
 */
import type { Child } from 'hono/jsx';
import {
  articleHtml, correctionHtml, displayTitle, prayerNoteHtml, retractionText,
} from '../../publish/entry-content.js';
import { baseOf, feedUrl, itemUrl, pageUrl } from '../../publish/feed-urls.js';
import { formatHumanDate, plainText, safeUrl } from '../../publish/text.js';
import type { CuratedEntry, SiteInfo } from '../../publish/types.js';
import { PAGE_CSS } from './styles.js';

/** A feed a page advertises. */
interface FeedSet { label: string; countryCode?: string }

/** Sanitized HTML from publish/entry-content, inserted as is; nothing when empty. */
function Raw(props: { html: string }) {
  return props.html ? <div dangerouslySetInnerHTML={{ __html: props.html }} /> : null;
}

function Layout(props: { site: SiteInfo; title: string; feeds: FeedSet[]; children?: Child }) {
  const { site, feeds } = props;
  const siteTitle = plainText(site.title) || 'prayerwire';
  const base = baseOf(site);
  return (
    <html lang={site.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{props.title === siteTitle ? siteTitle : `${props.title} · ${siteTitle}`}</title>
        <meta name="description" content={plainText(site.description)} />
        {feeds.flatMap((f) => [
          <link rel="alternate" type="application/rss+xml" title={`${f.label} (RSS)`} href={feedUrl(site, 'rss', f.countryCode)} />,
          <link rel="alternate" type="application/atom+xml" title={`${f.label} (Atom)`} href={feedUrl(site, 'atom', f.countryCode)} />,
          <link rel="alternate" type="application/feed+json" title={`${f.label} (JSON Feed)`} href={feedUrl(site, 'json', f.countryCode)} />,
        ])}
        <style dangerouslySetInnerHTML={{ __html: PAGE_CSS }} />
      </head>
      <body>
        <header>
          <a class="site" href={`${base}/`}>{siteTitle}</a>
          <nav><a href={`${base}/`}>Latest</a><a href={`${base}/countries`}>Countries</a><a href={`${base}/opml`}>OPML</a></nav>
        </header>
        <main>
          {props.children}
          <Subscribe site={site} feeds={feeds} />
        </main>
        <footer class="meta">{plainText(site.description)}</footer>
      </body>
    </html>
  );
}

function Subscribe(props: { site: SiteInfo; feeds: FeedSet[] }) {
  return (
    <section class="subscribe" aria-labelledby="subscribe">
      <h2 id="subscribe">Subscribe</h2>
      {props.feeds.map((f) => (
        <div>
          <p>{f.label}:</p>
          <ul>
            <li>RSS: <a href={feedUrl(props.site, 'rss', f.countryCode)}>{feedUrl(props.site, 'rss', f.countryCode)}</a></li>
            <li>Atom: <a href={feedUrl(props.site, 'atom', f.countryCode)}>{feedUrl(props.site, 'atom', f.countryCode)}</a></li>
            <li>JSON Feed: <a href={feedUrl(props.site, 'json', f.countryCode)}>{feedUrl(props.site, 'json', f.countryCode)}</a></li>
          </ul>
        </div>
      ))}
      <p>All feeds at once (OPML): <a href={`${baseOf(props.site)}/opml`}>{`${baseOf(props.site)}/opml`}</a></p>
    </section>
  );
}

function Countries(props: { site: SiteInfo; entry: CuratedEntry }) {
  if (!props.entry.countries.length) return null;
  return (
    <span class="tags">
      {props.entry.countries.map((c) => <a href={pageUrl(props.site, c.code)}>{plainText(c.name)}</a>)}
    </span>
  );
}

function EntryMeta(props: { site: SiteInfo; entry: CuratedEntry }) {
  const { entry } = props;
  const sources = entry.sources.map((s) => plainText(s.name)).filter(Boolean);
  return (
    <p class="meta">
      <time datetime={entry.publishedAt}>{formatHumanDate(entry.publishedAt)}</time>
      {entry.updatedAt ? <> · Updated <time datetime={entry.updatedAt}>{formatHumanDate(entry.updatedAt)}</time></> : null}
      {sources.length ? <> · {sources.join(', ')}</> : null} <Countries site={props.site} entry={entry} />
    </p>
  );
}

function EntrySummary(props: { site: SiteInfo; entry: CuratedEntry }) {
  const { site, entry } = props;
  const points = entry.prayerNote.points.map(plainText).filter(Boolean).slice(0, 3);
  return (
    <article class={entry.status === 'retracted' ? 'entry retracted' : 'entry'}>
      <h2><a href={itemUrl(site, entry.itemId)}>{displayTitle(entry)}</a></h2>
      <EntryMeta site={site} entry={entry} />
      {entry.status === 'retracted'
        ? <p><strong>{retractionText(entry)}</strong></p>
        : points.length ? <ul>{points.map((p) => <li>{p}</li>)}</ul> : null}
    </article>
  );
}

function EntryList(props: { site: SiteInfo; entries: CuratedEntry[] }) {
  if (!props.entries.length) return <p>Nothing has been published here yet.</p>;
  return <>{props.entries.map((e) => <EntrySummary site={props.site} entry={e} />)}</>;
}

/** `/`: the latest prayer items. */
export function HomePage(props: { site: SiteInfo; entries: CuratedEntry[] }) {
  const title = plainText(props.site.title) || 'prayerwire';
  return (
    <Layout site={props.site} title={title} feeds={[{ label: 'All countries' }]}>
      <h1>Latest prayer items</h1>
      <EntryList site={props.site} entries={props.entries} />
    </Layout>
  );
}

/** `/countries/:code`: the latest prayer items for one country. */
export function CountryPage(props: { site: SiteInfo; country: { code: string; name: string }; entries: CuratedEntry[] }) {
  const name = plainText(props.country.name);
  return (
    <Layout site={props.site} title={`Pray for ${name}`} feeds={[{ label: name, countryCode: props.country.code }, { label: 'All countries' }]}>
      <h1>Pray for {name}</h1>
      <EntryList site={props.site} entries={props.entries} />
    </Layout>
  );
}

/** `/items/:id`: one item with its prayer note and the article as its republish policy allows. */
export function ItemPage(props: { site: SiteInfo; entry: CuratedEntry }) {
  const { site, entry } = props;
  const image = entry.status === 'published' ? safeUrl(entry.imageUrl) : null;
  const feeds: FeedSet[] = [...entry.countries.map((c) => ({ label: plainText(c.name), countryCode: c.code })), { label: 'All countries' }];
  return (
    <Layout site={site} title={displayTitle(entry)} feeds={feeds}>
      <article class={entry.status === 'retracted' ? 'retracted' : ''}>
        <h1>{displayTitle(entry)}</h1>
        <EntryMeta site={site} entry={entry} />
        {entry.status === 'retracted' ? (
          <p><strong>{retractionText(entry)}</strong></p>
        ) : (
          <>
            <Raw html={correctionHtml(entry)} />
            <Raw html={prayerNoteHtml(entry)} />
            {image ? <img src={image} alt="" loading="lazy" referrerpolicy="no-referrer" /> : null}
            <Raw html={articleHtml(entry)} />
          </>
        )}
      </article>
    </Layout>
  );
}

/** `/countries`: every country with published items, with counts. */
export function CountriesPage(props: { site: SiteInfo; countries: { code: string; name: string; count: number }[] }) {
  return (
    <Layout site={props.site} title="Countries" feeds={[{ label: 'All countries' }]}>
      <h1>Countries</h1>
      {props.countries.length ? (
        <table>
          <thead><tr><th>Country</th><th>Items</th><th>Feed</th></tr></thead>
          <tbody>
            {props.countries.map((c) => (
              <tr>
                <td><a href={pageUrl(props.site, c.code)}>{plainText(c.name)}</a></td>
                <td>{c.count}</td>
                <td><a href={feedUrl(props.site, 'rss', c.code)}>RSS</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p>Nothing has been published yet.</p>}
    </Layout>
  );
}

/** A 404 or 400 page. */
export function MessagePage(props: { site: SiteInfo; title: string; message: string }) {
  return (
    <Layout site={props.site} title={props.title} feeds={[{ label: 'All countries' }]}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p><a href={`${baseOf(props.site)}/`}>Back to the latest prayer items</a></p>
    </Layout>
  );
}
