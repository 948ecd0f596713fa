// The documents as plain functions: familiens plan and minutes (Markdown and A4 HTML from one
// model), and the iCalendar file (escaping, folding at 75 octets, UTC instants, stable UIDs).
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarEntries, escapeText, eventUid, foldLine, renderCalendar } from '../../src/domain/documents/ical.js';
import { findMeeting, minutesDocument } from '../../src/domain/documents/minutes.js';
import { renderHtml, renderMarkdown } from '../../src/domain/documents/model.js';
import { planDocument } from '../../src/domain/documents/plan.js';
import { familyPlan } from '../../src/domain/views.js';
import { contact, family, goal, intervention, meeting, state } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';
const TZ = 'Europe/Copenhagen';
const SCRIPT = '<script>alert("x")</script>';

const world = state(
  family('f3', {
    name: 'Familien Jensen',
    coordinator: 'Hanne Kjær',
    goals: [
      goal('g2', '2027-03-31', 'active', { title: 'Emil kommer i skole hver dag', memberId: 'f3-c', priority: 2, source: 'uddannelsesplan', department: 'PPR', caseworker: 'Dorthe Krogh', progress: [
        { date: '2026-10-01', score: 3, note: 'Svær start' },
        { date: '2026-11-10', score: 6, note: 'Mødt op hver dag' },
      ] }),
      goal('g1', '2027-01-31', 'on-hold', { title: `Vi vil have ro ${SCRIPT}`, priority: 1, source: 'family', ownWords: true }),
    ],
    meetings: [
      meeting('m1', '2026-11-03T09:00:00+01:00', {
        minutes: `Familien fortalte om ugen.\n- ikke en liste\n\n${SCRIPT}`,
        attendees: [{ name: 'Lone Berg', sector: 'employment', role: 'jobkonsulent' }, { name: 'Mette' }],
        agreements: [
          { who: 'Lone Berg', what: 'Finder praktikplads', due: '2026-12-15' },
          { who: 'Jens Riis', what: 'Aftaler lektiehjælp', due: '2026-12-01', goalId: 'g2' },
          { who: 'Mette', what: 'Ringer til PPR', due: '2026-11-10' },
          { who: 'Emil', what: `Tager ${SCRIPT} med` },
          { id: 'a7', who: 'Mette', what: 'Sender skemaet', due: '2026-12-01', status: 'done', done: '2026-11-20' },
          { id: 'a8', who: 'Lone Berg', what: 'Ringer til arbejdsgiveren', due: '2026-12-02', status: 'dropped' },
        ],
      }),
      meeting('m2', '2026-12-01T09:30:00+01:00', { place: 'Rådhuset, lokale 2; 1. sal', durationMin: 90, attendees: [{ name: 'Lone Berg' }] }),
      meeting('m3', '2026-06-30T14:00:00+02:00', { type: 'stormøde' }),
    ],
    contacts: [
      contact('c1', '2026-11-01', 'open', { sector: 'school', subject: 'Anmodning om PPR-vurdering', replyBy: '2026-12-08' }),
      contact('c2', '2026-10-01', 'resolved', { subject: 'Lukket sag' }),
    ],
    interventions: [intervention('i1', 'f3-a', '2026-09-01', undefined, { kind: 'mentorstøtte' }), intervention('i2', 'f3-a', '2026-01-01', '2026-03-01', { kind: 'afsluttet forløb' })],
  }),
  family('f4', { name: 'Familien Ærø', meetings: [meeting('m9', '2026-11-24T08:00:00+01:00', { type: 'hjemmebesøg', place: 'Familiens hjem' })] }),
);

const plan = familyPlan(world, 'f3', TODAY, TZ)!;
const planModel = planDocument(plan, { lang: 'da', today: TODAY, timeZone: TZ });

describe('familiens plan', () => {
  const md = renderMarkdown(planModel);

  it('lists the goals grouped by member (the whole family first) with sector, due date, status and progress, latest first', () => {
    expect(md.indexOf('## Familiens mål: Hele familien')).toBeLessThan(md.indexOf('Vi vil have ro'));
    expect(md.indexOf('Vi vil have ro')).toBeLessThan(md.indexOf('## Familiens mål: Emil'));
    expect(md.indexOf('## Familiens mål: Emil')).toBeLessThan(md.indexOf('Emil kommer i skole hver dag'));
    expect(md).toContain('**Sektor:** Skole/PPR');
    expect(md).toContain('**Frist:** 31. marts 2027');
    expect(md).toContain('**Status:** sat på pause');
    expect(md).toContain('**Fremskridt:** 6/10 (10. november 2026)');
    expect(md.indexOf('Mødt op hver dag')).toBeLessThan(md.indexOf('Svær start'));
  });

  it('gives each goal the plan it comes from, who is responsible, whether it is in the family\'s own words, and the agreements that serve it', () => {
    const family = md.slice(md.indexOf('## Familiens mål: Hele familien'), md.indexOf('## Familiens mål: Emil'));
    expect(family).toContain('**Fra planen:** Familiens eget mål');
    expect(family).toContain('**Med familiens egne ord:** ja');
    expect(family).not.toContain('Ansvarlig');
    const emil = md.slice(md.indexOf('## Familiens mål: Emil'), md.indexOf('## Hvem gør hvad hvornår'));
    expect(emil).toContain('**Fra planen:** Uddannelsesplan');
    expect(emil).toContain('**Ansvarlig:** PPR, Dorthe Krogh');
    expect(emil).toContain('### Aftaler, der skal hjælpe målet på vej');
    expect(emil).toContain('| Jens Riis | Aftaler lektiehjælp | 1. december 2026 | Netværksmøde, 3. november 2026 |');
    expect(emil).not.toContain('Finder praktikplads');
  });

  it('says who does what by when: open agreements (late when past their date), open contacts, running interventions; soonest first', () => {
    const section = md.slice(md.indexOf('## Hvem gør hvad hvornår'), md.indexOf('## Næste møder'));
    expect(section).toContain('| Skole/PPR | Anmodning om PPR-vurdering | 8. december 2026 | Henvendelse 1. november 2026 |');
    expect(section).toContain('| Lone Berg | Finder praktikplads | 15. december 2026 | Netværksmøde, 3. november 2026 |');
    expect(section).toContain('mentorstøtte (Mette) | løbende | Indsats');
    expect(section).toContain('| Mette | Ringer til PPR | 10. november 2026 (overskredet) | Netværksmøde, 3. november 2026 |');
    expect(section.indexOf('Ringer til PPR')).toBeLessThan(section.indexOf('Anmodning om PPR'));
    expect(section.indexOf('PPR-vurdering')).toBeLessThan(section.indexOf('praktikplads'));
    for (const gone of ['Sender skemaet', 'Ringer til arbejdsgiveren', 'Lukket sag', 'afsluttet forløb']) expect(section).not.toContain(gone);
  });

  it('shows the next meetings with their Danish type, local date and time, place and attendees', () => {
    expect(md).toContain('| tirsdag den 1. december 2026 kl. 09.30 | Netværksmøde | Rådhuset, lokale 2; 1. sal | Lone Berg |');
    expect(md).not.toContain('Stormøde');
  });

  it('is English with lang en', () => {
    const en = renderMarkdown(planDocument(plan, { lang: 'en', today: TODAY, timeZone: TZ }));
    expect(en).toContain('# Family plan: Familien Jensen');
    expect(en).toContain('## Who does what by when');
    expect(en).toContain('Tuesday, 1 December 2026 at 09:30');
    // The meeting type in English too (its label keeps the Danish term where it is one: "Big meeting (stormøde)").
    expect(en).toContain('| Network meeting |');
    expect(en).not.toContain('Netværksmøde');
    const m1 = findMeeting(world, 'm1')!;
    expect(renderMarkdown(minutesDocument(m1.family, m1.meeting, { lang: 'en', timeZone: TZ }))).toContain('# Minutes: Network meeting');
  });

  it('keeps text from the store literal in Markdown', () => {
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>');
  });

  it('is a self-contained HTML page for A4 with every store text escaped', () => {
    const html = renderHtml(planModel);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="da">/);
    expect(html).toContain('@page { size: A4; margin: 18mm; }');
    expect(html).toMatch(/tr, [^{]*\{ break-inside: avoid;/);
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import/i);
    expect(html).toContain('Vi vil have ro &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<td>Finder praktikplads</td><td>15. december 2026</td>');
  });
});

describe('minutes', () => {
  const found = findMeeting(world, 'm1')!;
  const model = minutesDocument(found.family, found.meeting, { lang: 'da', timeZone: TZ });

  it('has the type, date and time, duration, place, attendees with sector, the minutes and the agreements', () => {
    const md = renderMarkdown(model);
    expect(md).toContain('# Referat: Netværksmøde');
    expect(md).toContain('**Hvornår:** tirsdag den 3. november 2026 kl. 09.00');
    expect(md).toContain('**Varighed:** 60 min.');
    expect(md).toContain('**Sted:** Rådhuset');
    expect(md).toContain('| Lone Berg | jobkonsulent | Beskæftigelse |');
    expect(md).toContain('Familien fortalte om ugen.  \n\\- ikke en liste');
    expect(md).toContain('| Lone Berg | Finder praktikplads | 15. december 2026 |');
    expect(md).toContain('| Mette | Ringer til PPR | 10. november 2026 |');
  });

  it('escapes the minutes and agreements in HTML, keeping the paragraphs', () => {
    const html = renderHtml(model);
    expect(html).not.toContain('<script');
    expect(html).toContain('<p>Familien fortalte om ugen.<br>- ikke en liste</p>\n<p>&lt;script&gt;');
  });

  it('is found by meeting id in any family', () => {
    expect(findMeeting(world, 'm9')?.family.id).toBe('f4');
    expect(findMeeting(world, 'nope')).toBeUndefined();
  });
});

describe('iCalendar', () => {
  const now = new Date('2026-11-24T10:00:00Z');
  const entries = calendarEntries(world, { from: TODAY, timeZone: TZ });
  const ics = renderCalendar(entries, { now, names: false, lang: 'da' });

  it('escapes TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'æøå'.repeat(40)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      expect(Buffer.from(part).toString('utf8')).toBe(part);
    }
    expect(folded.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('has CRLF line endings, every line at most 75 octets', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('holds the meetings from today on with UTC start and end, stable UIDs, type and family id, no names', () => {
    expect(entries.map((e) => eventUid(e))).toEqual(['m9.f4@famcoord', 'm2.f3@famcoord']);
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual(['m9.f4@famcoord', 'm2.f3@famcoord']);
    const m2 = events[1]!;
    expect(m2.startDate.toJSDate().getTime()).toBe(Date.parse('2026-12-01T09:30:00+01:00'));
    expect(m2.endDate.toJSDate().getTime() - m2.startDate.toJSDate().getTime()).toBe(90 * 60_000);
    expect(m2.summary).toBe('Netværksmøde (f3)');
    expect(m2.location).toBe('Rådhuset, lokale 2; 1. sal');
    expect(ics).toContain('DTSTART:20261201T083000Z');
    expect(ics).toContain('DTSTAMP:20261124T100000Z');
    expect(ics).not.toMatch(/Jensen|Lone|Ærø/);
  });

  it('names the family and the attendees only when asked', () => {
    const named = renderCalendar(entries, { now, names: true, lang: 'da' });
    const events = new ICAL.Component(ICAL.parse(named)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events[0]!.summary).toBe('Hjemmebesøg – Familien Ærø');
    expect(events[1]!.description).toContain('Deltagere: Lone Berg');
  });

  it('takes one family and a later start date', () => {
    expect(calendarEntries(world, { familyId: 'f3', from: '2026-01-01', timeZone: TZ }).map((e) => e.meeting.id)).toEqual(['m3', 'm1', 'm2']);
  });
});
