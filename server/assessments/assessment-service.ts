/**
 * The assessment lifecycle: create, read, autosave, submit, resume. It joins
 * the repository (SQL) and the engine (rules); routes only translate HTTP.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import {
  type AnswerValue,
  type BusinessProfile,
  type Catalogue,
  type PreparedQuestionnaire,
  assess,
  checkAnswers,
  checkProfile,
  demandTopics,
  issue,
  progressOf,
  refer,
  validateAnswerSet,
} from '../../questionnaires/engine/index.ts';
import type { UserRecord } from '../db/account-repository.ts';
import type { AssessmentRecord, AssessmentRepository, Channel } from '../db/assessment-repository.ts';
import type { QuestionnaireRegistry } from '../definitions/questionnaire-registry.ts';
import type { AssessmentState, PatchAssessmentBody, ResultDocument } from '../../api/assessments.ts';
import { ProblemError, fieldError, fieldErrorsOf } from '../errors.ts';
import { generateResumeCode, hashResumeCode, normalizeResumeCode, retakeToken } from './resume-code.ts';

/** A peer benchmark is shown only when it cannot point at a single business. */
export const MINIMUM_PEER_GROUP = 5;

/** What the API answers about a check (api/assessments.ts). */
export type AssessmentView = AssessmentState;
export type ResultView = ResultDocument;

interface Dependencies {
  repository: AssessmentRepository;
  questionnaires: QuestionnaireRegistry;
  /** The catalogue in force (another instance's edit included): referrals are drawn from it on every view. */
  catalogue: () => Promise<Catalogue>;
  now: () => Date;
  /** Told once per check, after its result is stored (a business that consented in its profile becomes a lead). */
  onSubmitted?: (record: AssessmentRecord) => void | Promise<void>;
}

/** The id of the review page, which the web app names `pruefen` like its URL. */
export const REVIEW_STEP = 'pruefen';

// Compared against when an id is unknown, so a miss costs what a hit costs.
const ABSENT_HASH = hashResumeCode('absent');

function sameHash(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

function sameToken(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What a re-check link copies: the business as the report names it, not its contact details. */
function withoutContact(profile: BusinessProfile): BusinessProfile {
  const { email: _email, contactConsent: _consent, ...rest } = profile;
  return rest;
}

/** Drops profile values the questionnaire does not know (a re-assessment on a newer version). */
function profileFor(prepared: PreparedQuestionnaire, profile: BusinessProfile): BusinessProfile {
  const bad = new Set(checkProfile(prepared, profile).map((i) => i.path[1]));
  return Object.fromEntries(Object.entries(profile).filter(([key]) => !bad.has(key))) as BusinessProfile;
}

function merge<T>(base: Record<string, T>, patch: Record<string, T | null> | undefined): Record<string, T> {
  const merged: Record<string, T> = { ...base };
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

const revisionConflict = (current: AssessmentView) =>
  new ProblemError('assessment.revision-conflict', 'the check was changed elsewhere; apply your change again on top of current', { extension: { current } });

export function createAssessmentService({ repository, questionnaires, catalogue, now, onSubmitted }: Dependencies) {
  const timestamp = () => now().toISOString();

  const preparedFor = (record: AssessmentRecord): PreparedQuestionnaire => {
    const prepared = questionnaires.get(record.questionnaireId, record.version);
    if (!prepared) throw new ProblemError('questionnaire.not-installed', `questionnaire ${record.questionnaireId} ${record.version} is no longer installed on this server`);
    return prepared;
  };

  const view = (record: AssessmentRecord): AssessmentView => ({
    id: record.id,
    status: record.status,
    channel: record.channel,
    questionnaireId: record.questionnaireId,
    version: record.version,
    profile: record.profile,
    answers: record.answers,
    relevance: record.relevance,
    revision: record.revision,
    progress: progressOf(preparedFor(record), record.answers, record.profile),
    step: record.step,
    isReassessment: record.previousRowId !== null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    submittedAt: record.submittedAt,
  });

  const findByResumeCode = async (code: string): Promise<AssessmentRecord | undefined> => {
    const normalized = normalizeResumeCode(code);
    const hash = hashResumeCode(normalized ?? 'invalid');
    const record = await repository.findByResumeHash(hash);
    return normalized ? record : undefined;
  };

  const storedResult = async (record: AssessmentRecord): Promise<ResultView> => ({ assessmentId: record.id, ...(await repository.findResult(record.rowId))! });

  /** Validates a draft as complete and scores it; throws `assessment.incomplete` with what is open. */
  const scoreForSubmit = async (record: AssessmentRecord) => {
    const prepared = preparedFor(record);
    const checked = validateAnswerSet(
      prepared,
      { questionnaireId: record.questionnaireId, version: record.version, profile: record.profile, answers: record.answers, relevance: record.relevance },
      { complete: true },
    );
    if (!checked.ok) throw new ProblemError('assessment.incomplete', 'the check is not complete', { errors: fieldErrorsOf(checked.issues) });
    const submittedAt = timestamp();
    const trade = record.profile.trade;
    const result = assess(prepared, checked.value, {
      catalogue: await catalogue(),
      today: submittedAt.slice(0, 10),
      benchmark: trade ? await repository.peerBenchmark(record.questionnaireId, trade, MINIMUM_PEER_GROUP) : null,
      previous: record.previousRowId === null ? null : ((await repository.findResult(record.previousRowId))?.result ?? null),
    });
    return { result, submittedAt, demand: demandTopics(prepared, result, result.recommendations) };
  };

  /** After this request's result was stored: tell who wants to know, answer it. */
  const submitted = async (record: AssessmentRecord, { result, submittedAt }: Awaited<ReturnType<typeof scoreForSubmit>>): Promise<ResultView> => {
    await onSubmitted?.(record);
    return { assessmentId: record.id, result, submittedAt };
  };

  return {
    view,

    async create(input: {
      questionnaireId: string;
      version?: string;
      previousResumeCode?: string;
      /** From a report's re-check link: the earlier check's id and its retake token. */
      previous?: { id: string; retakeToken: string };
      channel?: Channel;
    }) {
      const prepared = input.version
        ? questionnaires.get(input.questionnaireId, input.version)
        : questionnaires.latest(input.questionnaireId);
      if (!prepared) {
        throw new ProblemError('questionnaire.unknown', 'unknown questionnaire', {
          errors: [
            input.version
              ? fieldError(['version'], 'questionnaire.unknown', `questionnaire "${input.questionnaireId}" has no version "${input.version}"`)
              : fieldError(['questionnaireId'], 'questionnaire.unknown', `no questionnaire "${input.questionnaireId}"`),
          ],
        });
      }
      let previous: AssessmentRecord | undefined;
      if (input.previousResumeCode !== undefined && input.previous !== undefined) {
        throw new ProblemError('request.invalid', 'name the earlier check once', {
          errors: [fieldError(['previous'], 'field.invalid', 'give either previousResumeCode or previous, not both')],
        });
      }
      if (input.previous !== undefined) {
        // Equal work whether or not the id exists, as for resume codes.
        const stored = await repository.resumeHashOf(input.previous.id);
        const matches = sameToken(retakeToken(stored ?? ABSENT_HASH), input.previous.retakeToken);
        previous = stored !== undefined && matches ? await repository.findById(input.previous.id) : undefined;
        if (!previous || previous.status !== 'submitted') {
          throw new ProblemError('assessment.unknown-previous', 'no earlier check to compare with', {
            errors: [fieldError(['previous', 'retakeToken'], 'assessment.unknown-previous', 'no submitted check has this id and re-check token')],
          });
        }
      } else if (input.previousResumeCode !== undefined) {
        previous = await findByResumeCode(input.previousResumeCode);
        if (!previous || previous.status !== 'submitted') {
          throw new ProblemError('assessment.unknown-previous', 'no earlier check to compare with', {
            errors: [fieldError(['previousResumeCode'], 'assessment.unknown-previous', 'no submitted check has this resume code')],
          });
        }
      }
      const resumeCode = generateResumeCode();
      const record = await repository.insert({
        id: randomUUID(),
        resumeHash: hashResumeCode(normalizeResumeCode(resumeCode)!),
        questionnaireId: prepared.definition.id,
        version: prepared.definition.version,
        questionnaireHash: prepared.hash,
        channel: input.channel ?? 'online',
        profile: previous ? profileFor(prepared, input.previous ? withoutContact(previous.profile) : previous.profile) : {},
        previousRowId: previous?.rowId ?? null,
        now: timestamp(),
      });
      return { record, resumeCode };
    },

    /**
     * The check behind an id, for a session's user: admins and staff see every
     * check (the route audits it), a scout the checks of their own visits.
     * Unknown ids answer 404 here — the caller is a logged-in member of staff.
     */
    async authorizeUser(id: string, user: UserRecord): Promise<AssessmentRecord> {
      const record = await repository.findById(id);
      if (!record) throw new ProblemError('assessment.not-found', 'no such check');
      if (user.role === 'scout' && record.scoutUserRowId !== user.rowId) throw new ProblemError('assessment.other-scout', 'this check belongs to another scout');
      return record;
    },

    /** The check behind an id, if the resume code opens it. 401 without a code, 403 otherwise — also for unknown ids. */
    async authorize(id: string, resumeCode: string | undefined): Promise<AssessmentRecord> {
      if (resumeCode === undefined || resumeCode === '') throw new ProblemError('resume-code.required', 'resume code required (header x-resume-code)');
      const normalized = normalizeResumeCode(resumeCode);
      // Equal work for a known and an unknown id until the code matches: the answer's timing tells nothing.
      const stored = await repository.resumeHashOf(id);
      const matches = sameHash(hashResumeCode(normalized ?? 'invalid'), stored ?? ABSENT_HASH);
      const record = stored !== undefined && normalized !== null && matches ? await repository.findById(id) : undefined;
      if (!record) throw new ProblemError('resume-code.wrong', 'this resume code does not open this check');
      return record;
    },

    async resume(resumeCode: string): Promise<AssessmentRecord> {
      const record = await findByResumeCode(resumeCode);
      if (!record) throw new ProblemError('resume-code.unknown', 'unknown resume code');
      return record;
    },

    async patch(record: AssessmentRecord, body: PatchAssessmentBody): Promise<AssessmentView> {
      if (record.status === 'submitted') throw new ProblemError('assessment.already-submitted', 'this check is already submitted', { extension: { current: view(record) } });
      if (body.revision !== record.revision) throw revisionConflict(view(record));
      const prepared = preparedFor(record);
      const profile = merge(record.profile as Record<string, unknown>, body.profile) as BusinessProfile;
      const newAnswers = Object.fromEntries(Object.entries(body.answers ?? {}).filter(([, v]) => v !== null)) as Record<string, AnswerValue>;
      const newRelevance = Object.fromEntries(Object.entries(body.relevance ?? {}).filter(([, v]) => v !== null)) as Record<string, number>;
      const issues = [...checkProfile(prepared, profile), ...checkAnswers(prepared, newAnswers, newRelevance)];
      for (const id of Object.keys(body.answers ?? {})) {
        if (!prepared.questionById.has(id) && !Object.hasOwn(newAnswers, id)) issues.push(issue('unknown-question', ['answers', id], `unknown question "${id}"`));
      }
      if (body.step !== undefined && body.step !== REVIEW_STEP && !prepared.definition.sections.some((s) => s.id === body.step)) {
        issues.push(issue('unknown-step', ['step'], `no page "${body.step}" in this questionnaire`));
      }
      if (issues.length) throw new ProblemError('assessment.invalid-answers', 'invalid answers', { errors: fieldErrorsOf(issues) });
      const updated: AssessmentRecord = {
        ...record,
        step: body.step ?? record.step,
        profile,
        answers: merge(record.answers, body.answers),
        relevance: merge(record.relevance, body.relevance),
        revision: record.revision + 1,
        updatedAt: timestamp(),
      };
      const written = await repository.updateDraft(record.rowId, { ...updated, step: body.step, expectedRevision: record.revision, now: updated.updatedAt });
      if (!written) {
        const current = (await repository.findByRowId(record.rowId))!;
        throw revisionConflict(view(current));
      }
      return view(updated);
    },

    /**
     * Scores and checks a draft, then stores the result durably: answered only
     * after the commit has returned (on SQLite one commit at synchronous=FULL
     * shared with the submits arriving beside it). Idempotent.
     */
    async submit(record: AssessmentRecord): Promise<ResultView> {
      if (record.status === 'submitted') return storedResult(record);
      const scored = await scoreForSubmit(record);
      // false: another request submitted first, and its result is the one on record.
      return (await repository.submit(record, scored.result, scored.submittedAt, scored.demand)) ? submitted(record, scored) : storedResult(record);
    },

    /** The token of a report's re-check link for this check (see `retakeToken`). */
    retakeTokenOf(record: AssessmentRecord): string {
      return retakeToken(record.resumeHash);
    },

    /** GDPR erasure: the check, its answers and its result, gone. */
    async erase(record: AssessmentRecord): Promise<void> {
      await repository.delete(record.rowId, timestamp());
    },

    /** Everything stored about the business behind a check (GDPR access), including the checks it builds on. */
    async dataExport(record: AssessmentRecord) {
      const describe = async (r: AssessmentRecord) => {
        const { rowId: _rowId, resumeHash: _hash, previousRowId: _previous, scoutUserRowId: _scout, ...stored } = r;
        return { ...stored, result: r.status === 'submitted' ? ((await repository.findResult(r.rowId))?.result ?? null) : null };
      };
      const earlier = await repository.previousChecks(record.rowId);
      return { exportedAt: timestamp(), check: await describe(record), earlierChecks: await Promise.all(earlier.map(describe)) };
    },

    /** Drafts not changed for `days` days are deleted. */
    purgeStaleDrafts(days: number): Promise<number> {
      return repository.deleteStaleDrafts(new Date(now().getTime() - days * 86_400_000).toISOString(), timestamp());
    },

    /**
     * The stored result with its referrals drawn again from the catalogue in
     * force today: offers staff added since are there, retired and past
     * workshops are not. Scores, strengths and fields of action stay as stored.
     */
    async result(record: AssessmentRecord): Promise<ResultView> {
      const stored = record.status === 'submitted' ? await repository.findResult(record.rowId) : undefined;
      if (!stored) throw new ProblemError('assessment.not-submitted', 'this check has not been submitted yet');
      const prepared = questionnaires.get(record.questionnaireId, record.version);
      if (!prepared) return { assessmentId: record.id, ...stored };
      const referrals = refer(prepared, stored.result, stored.result.recommendations, record.profile, { catalogue: await catalogue(), today: timestamp().slice(0, 10) });
      return { assessmentId: record.id, submittedAt: stored.submittedAt, result: { ...stored.result, referrals } };
    },
  };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
