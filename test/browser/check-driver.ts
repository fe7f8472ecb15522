/**
 * A business filling in the check in a real browser, through what a person
 * sees: radios, checkboxes and text boxes found by their role and label.
 * The answers follow test/helpers/answer-sets.ts, so the same set can be
 * checked against the API afterwards.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { AnswerSet, AnswerValue, PreparedQuestionnaire, Question } from '../../questionnaires/engine/index.ts';
import { NOT_APPLICABLE, resolveVisibility } from '../../questionnaires/engine/index.ts';
import { type Strength, completeAnswerSet } from '../helpers/answer-sets.ts';

export interface Business {
  trade: string;
  employees: string;
  postcode: string;
  companyName?: string;
}

export const JOINERY: Business = { trade: 'holz-kunststoff', employees: '5-9', postcode: '46236', companyName: 'Tischlerei Muster' };

export const RESUME_CODE = /^[2-9A-HJKMNP-Z]{4}(?:-[2-9A-HJKMNP-Z]{4}){6}$/;

const RATING_LABELS = ['nicht wichtig', 'wenig wichtig', 'teils, teils', 'wichtig', 'sehr wichtig'];

export function plannedAnswers(prepared: PreparedQuestionnaire, business: Business, strength: Strength): AnswerSet & { answers: Record<string, AnswerValue> } {
  return completeAnswerSet(prepared, strength, { ...business });
}

export async function fillProfile(page: Page, prepared: PreparedQuestionnaire, business: Business): Promise<void> {
  const { trades, employeeBands } = prepared.definition.profile;
  await page.getByRole('radio', { name: trades.find((t) => t.id === business.trade)!.label.de, exact: true }).check();
  await page.getByRole('radio', { name: employeeBands.find((b) => b.id === business.employees)!.label.de, exact: true }).check();
  const postcode = page.getByRole('textbox', { name: 'Postleitzahl Ihres Betriebs' });
  await postcode.fill(business.postcode);
  await postcode.blur();
  if (business.companyName) {
    const name = page.getByRole('textbox', { name: /Name des Betriebs/ });
    await name.fill(business.companyName);
    await name.blur();
  }
}

/** Answers one question (and its relevance rating) the way a person would. */
export async function answerQuestion(page: Page, prepared: PreparedQuestionnaire, question: Question, value: AnswerValue, rating?: number): Promise<void> {
  if (question.type === 'text') {
    await page.getByRole('textbox', { name: question.text.de }).fill(String(value));
    return;
  }
  const group = page.getByRole('group', { name: question.text.de });
  if (value === NOT_APPLICABLE) {
    await group.getByRole(question.type === 'multi' ? 'checkbox' : 'radio', { name: question.notApplicable!.de, exact: true }).check();
    return;
  }
  switch (question.type) {
    case 'single':
      await group.getByRole('radio', { name: question.options.find((o) => o.id === value)!.label.de, exact: true }).check();
      break;
    case 'multi':
      for (const id of value as string[]) {
        await group.getByRole('checkbox', { name: question.options.find((o) => o.id === id)!.label.de, exact: true }).check();
      }
      break;
    case 'scale':
      await group.getByRole('radio').nth((value as number) - question.min).check();
      break;
    case 'boolean':
      await group.getByRole('radio', { name: value ? 'Ja' : 'Nein', exact: true }).check();
      break;
    case 'number':
      await page.getByRole('textbox', { name: question.text.de }).fill(String(value));
      break;
  }
  if (rating !== undefined && question.relevance) {
    const relevanceQuestion = prepared.definition.relevanceQuestion?.de ?? 'Wie wichtig ist dieses Thema für Ihren Betrieb?';
    // Every rated question asks the same thing; its container tells them apart.
    await page
      .locator(`[id="q-${question.id}"]`)
      .getByRole('group', { name: relevanceQuestion })
      .getByRole('radio', { name: RATING_LABELS[rating - 1], exact: true })
      .check();
  }
}

/** Answers the questions of one section that are visible for this answer set. */
export async function answerSection(page: Page, prepared: PreparedQuestionnaire, sectionId: string, set: AnswerSet): Promise<string[]> {
  const visible = resolveVisibility(prepared, set.answers, set.profile).visible.filter((e) => e.sectionId === sectionId);
  for (const { question } of visible) {
    const value = set.answers[question.id];
    if (value === undefined) continue;
    await answerQuestion(page, prepared, question, value, set.relevance[question.id]);
  }
  return visible.map((e) => e.question.id);
}

export async function waitUntilSaved(page: Page): Promise<void> {
  await page.getByRole('status').filter({ hasText: /^Gespeichert$/ }).waitFor({ timeout: 15_000 });
}

export async function goNext(page: Page, expectedHeading: string | RegExp): Promise<void> {
  await page.getByRole('navigation', { name: 'Zwischen den Schritten wechseln' }).getByRole('link', { name: /Weiter|Zur Übersicht/ }).click();
  await page.getByRole('heading', { level: 1, name: expectedHeading }).waitFor();
}

export interface CheckState {
  status: string;
  revision: number;
  profile: Record<string, unknown>;
  answers: Record<string, AnswerValue>;
  relevance: Record<string, number>;
  progress: { percent: number; requiredOpen: string[] };
}

export async function checkState(baseUrl: string, id: string, resumeCode: string): Promise<CheckState> {
  const response = await fetch(`${baseUrl}/api/assessments/${id}`, { headers: { 'x-resume-code': resumeCode } });
  expect(response.status).toBe(200);
  return (await response.json()) as CheckState;
}

/** The id from the page's URL (/check/<id>/…) and the code the page shows. */
export async function credentialsOnPage(page: Page): Promise<{ id: string; resumeCode: string }> {
  const id = /\/check\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!id) throw new Error(`not on a check page: ${page.url()}`);
  const resumeCode = (await page.getByText(RESUME_CODE).first().textContent())?.trim() ?? '';
  expect(resumeCode).toMatch(RESUME_CODE);
  return { id, resumeCode };
}
