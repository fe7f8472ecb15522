/**
 * The offers catalogue in force: read from the database (cached until any
 * instance changes it), edited by staff with revisions so no edit is lost,
 * seeded from the JSON files when the database has none, and imported and
 * exported in that same file format.
 */
import {
  type Catalogue,
  type Issue,
  Partner,
  type PathSegment,
  Region,
  Topic,
  Workshop,
  checkCatalogue,
  fromZodIssues,
  issue,
} from '../../questionnaires/engine/index.ts';
import type { CatalogueEntry, CatalogueRepository, EntryKind } from '../db/catalogue-repository.ts';
import type { FieldCode } from '../../api/problem-codes.ts';
import { ProblemError, fieldError, fieldErrorsOf } from '../errors.ts';

/** The catalogue's own rules as field codes; shape errors keep the codes of the request schemas. */
const OFFER_FIELD_CODES: Record<string, FieldCode> = {
  'duplicate-id': 'offer.duplicate-id',
  'unknown-topic': 'offer.unknown-topic',
  'unknown-region': 'offer.unknown-region',
  'end-before-start': 'offer.end-before-start',
  'missing-place': 'offer.missing-place',
  'unknown-audience': 'offer.unknown-audience',
  immutable: 'offer.immutable-id',
};
const offerErrors = (issues: readonly Issue[]) =>
  issues.map((i) => (OFFER_FIELD_CODES[i.code] ? fieldError(i.path, OFFER_FIELD_CODES[i.code]!, i.message) : fieldErrorsOf([i])[0]!));

/** The kinds staff edit in the web app; regions come with an import. */
export type EditableKind = 'workshop' | 'partner' | 'topic';

const PLURAL = { topic: 'topics', region: 'regions', workshop: 'workshops', partner: 'partners' } as const satisfies Record<EntryKind, keyof Catalogue>;
const SCHEMA = { topic: Topic, region: Region, workshop: Workshop, partner: Partner } as const;

export interface EntryView {
  id: string;
  revision: number;
  retired: boolean;
  updatedAt: string;
  /** The entry as in a catalogue file. */
  data: Record<string, unknown>;
}

export const entryView = (entry: CatalogueEntry): EntryView => ({
  id: entry.id,
  revision: entry.revision,
  retired: entry.retiredAt !== null,
  updatedAt: entry.updatedAt,
  data: entry.data,
});

interface Dependencies {
  repository: CatalogueRepository;
  now: () => Date;
  /** What the questionnaires need of a catalogue (their topics, their audiences' ids): issues if it breaks them. */
  checkAgainstQuestionnaires: (catalogue: Catalogue) => Issue[];
}

/** The files a catalogue is written to and read from, each holding some of its keys. */
export type CatalogueFiles = Record<'topics.json' | 'regions.json' | 'workshops.json' | 'partners.json', Record<string, unknown>>;

export function catalogueFiles(catalogue: Catalogue): CatalogueFiles {
  const head = { $schema: '../catalogue.schema.json', sampleData: catalogue.sampleData };
  return {
    'topics.json': { ...head, topics: catalogue.topics },
    'regions.json': { ...head, ...(catalogue.operator ? { operator: catalogue.operator } : {}), regions: catalogue.regions },
    'workshops.json': { ...head, workshops: catalogue.workshops },
    'partners.json': { ...head, ...(catalogue.generalAdviser ? { generalAdviser: catalogue.generalAdviser } : {}), partners: catalogue.partners },
  };
}

/** The catalogue issues about one entry (at `[plural, index]`), with the path inside the entry. */
function issuesAbout(issues: readonly Issue[], plural: string, index: number): Issue[] {
  return issues.filter((i) => i.path[0] === plural && i.path[1] === index).map((i) => ({ ...i, path: i.path.slice(2) }));
}

export function createCatalogueService({ repository, now, checkAgainstQuestionnaires }: Dependencies) {
  let cached: { version: number; catalogue: Catalogue } | undefined;
  const timestamp = () => now().toISOString();

  async function build(entries: readonly CatalogueEntry[]): Promise<Catalogue> {
    const settings = await repository.settings();
    const active = (kind: EntryKind) => entries.filter((e) => e.kind === kind && e.retiredAt === null).map((e) => e.data);
    const workshops = (active('workshop') as Workshop[]).sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
    return {
      sampleData: settings?.sampleData ?? false,
      ...(settings?.operator ? { operator: settings.operator } : {}),
      ...(settings?.generalAdviser ? { generalAdviser: settings.generalAdviser } : {}),
      topics: active('topic') as Topic[],
      regions: active('region') as Region[],
      workshops,
      partners: active('partner') as Partner[],
    };
  }

  /** One cheap read of the version per call: another instance's edit is seen at once. */
  async function current(): Promise<Catalogue> {
    const version = await repository.version();
    if (!cached || cached.version !== version) {
      // Read after the version: an edit in between only makes the next call read again.
      const catalogue = await build(await repository.entries());
      cached = { version, catalogue };
    }
    return cached.catalogue;
  }

  /** Checks the catalogue as it would be with `data` in place of (or added as) the entry `id`; 400 naming the fields. */
  async function checkWith(kind: EditableKind, id: string, data: Record<string, unknown>, retire = false): Promise<Record<string, unknown>> {
    const parsed = SCHEMA[kind].safeParse(data);
    if (!parsed.success) throw badEntry(fromZodIssues(parsed.error.issues));
    const value = parsed.data as Record<string, unknown> & { id: string };
    const base = await current();
    const plural = PLURAL[kind];
    const others = (base[plural] as { id: string }[]).filter((e) => e.id !== id);
    const candidate = { ...base, [plural]: retire ? others : [...others, value] } as Catalogue;
    const checked = checkCatalogue(candidate);
    const all = checked.ok ? checkAgainstQuestionnaires(checked.value) : checked.issues;
    if (retire) {
      if (all.length) throw new ProblemError('offer.in-use', `${kind} "${id}" is still needed: ${all[0]!.message}`);
      return value;
    }
    const own = issuesAbout(all, plural, others.length);
    // A topic or region used elsewhere cannot change id; the questionnaires' own checks name their paths.
    if (own.length) throw badEntry(own);
    if (all.length) throw badEntry(all.map((i) => ({ ...i, path: [] as PathSegment[], message: `${i.message} (at ${i.path.join('.')})` })));
    return value;
  }

  const badEntry = (issues: readonly Issue[]) => new ProblemError('offer.invalid', 'invalid catalogue entry', { errors: offerErrors(issues) });
  const notFound = (kind: string, id: string) => new ProblemError('offer.not-found', `no ${kind} "${id}"`);

  return {
    current,

    /** A database without a catalogue gets the files' one: the first start, and every test. */
    async seedIfEmpty(files: Catalogue): Promise<boolean> {
      if (!(await repository.isEmpty())) return false;
      await this.replace(files);
      return true;
    },

    /** Replaces everything (`npx procheck catalogue import DIR`); the files are already checked. */
    async replace(catalogue: Catalogue): Promise<void> {
      const entries = (['topic', 'region', 'workshop', 'partner'] as const).flatMap((kind) =>
        (catalogue[PLURAL[kind]] as { id: string }[]).map((e) => ({ kind, id: e.id, data: e as unknown as Record<string, unknown> })),
      );
      await repository.replace(entries, { sampleData: catalogue.sampleData, operator: catalogue.operator ?? null, generalAdviser: catalogue.generalAdviser ?? null }, timestamp());
    },

    async list(kind: EditableKind, withRetired: boolean): Promise<EntryView[]> {
      return (await repository.list(kind, withRetired)).map(entryView);
    },

    async get(kind: EditableKind, id: string): Promise<EntryView> {
      const entry = await repository.find(kind, id);
      if (!entry) throw notFound(kind, id);
      return entryView(entry);
    },

    async create(kind: EditableKind, data: Record<string, unknown>): Promise<EntryView> {
      const id = String(data.id);
      if (await repository.find(kind, id)) throw badEntry([issue('duplicate-id', ['id'], `a ${kind} "${id}" exists already (retired ones keep their ids)`)]);
      const value = await checkWith(kind, id, data);
      return entryView(await repository.insert(kind, id, value, timestamp()));
    },

    /** Merges `changes` (null clears an optional field); 409 with the current entry when `revision` is stale. */
    async update(kind: EditableKind, id: string, revision: number, changes: Record<string, unknown>): Promise<{ before: EntryView; after: EntryView }> {
      const entry = await repository.find(kind, id);
      if (!entry) throw notFound(kind, id);
      const stale = (current: CatalogueEntry) =>
        new ProblemError('offer.revision-conflict', `the ${kind} was changed by someone else (revision ${current.revision}); reload and apply your change again`, { extension: { current: entryView(current) } });
      if (entry.revision !== revision) throw stale(entry);
      if (entry.retiredAt !== null) throw new ProblemError('offer.retired', `the ${kind} is retired`, { extension: { current: entryView(entry) } });
      if ('id' in changes && changes.id !== id) throw badEntry([issue('immutable', ['id'], 'an id never changes: copy the entry instead')]);
      const merged: Record<string, unknown> = { ...entry.data };
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) delete merged[key];
        else merged[key] = value;
      }
      const value = await checkWith(kind, id, merged);
      const written = await repository.update(kind, id, value, null, revision, timestamp());
      if (!written) throw stale((await repository.find(kind, id))!);
      return { before: entryView(entry), after: entryView(written) };
    },

    /** Retired entries are never offered again; requests that name them keep their title. */
    async retire(kind: EditableKind, id: string, revision: number | undefined): Promise<{ before: EntryView; after: EntryView }> {
      const entry = await repository.find(kind, id);
      if (!entry) throw notFound(kind, id);
      if (entry.retiredAt !== null) return { before: entryView(entry), after: entryView(entry) };
      if (revision !== undefined && revision !== entry.revision) {
        throw new ProblemError('offer.revision-conflict', `the ${kind} was changed by someone else (revision ${entry.revision}); reload first`, { extension: { current: entryView(entry) } });
      }
      if (kind === 'partner' && (await current()).generalAdviser === id) throw new ProblemError('offer.in-use', `partner "${id}" is the catalogue's general adviser`);
      await checkWith(kind, id, entry.data, true);
      const written = await repository.update(kind, id, entry.data, timestamp(), entry.revision, timestamp());
      if (!written) throw new ProblemError('offer.revision-conflict', `the ${kind} was changed by someone else; reload first`, { extension: { current: entryView((await repository.find(kind, id))!) } });
      return { before: entryView(entry), after: entryView(written) };
    },

    /** Entries by id, retired ones included: what a request or a lead names. */
    find(kind: 'workshop' | 'partner', id: string): Promise<CatalogueEntry | undefined> {
      return repository.find(kind, id);
    },

    /** Active workshops per topic starting from `fromDay` for `days` days. */
    async upcomingByTopic(fromDay: string, days: number): Promise<Map<string, number>> {
      const to = new Date(`${fromDay}T00:00:00Z`);
      to.setUTCDate(to.getUTCDate() + days);
      const counts = new Map<string, number>();
      for (const w of await repository.workshopsStarting(`${fromDay}T00:00`, `${to.toISOString().slice(0, 10)}T00:00`)) {
        for (const topic of w.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
      }
      return counts;
    },

    async exportFiles(): Promise<CatalogueFiles> {
      return catalogueFiles(await current());
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
