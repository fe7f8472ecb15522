/**
 * The procheck questionnaire engine: pure functions shared by the server, the
 * web app, the reports and the tests. No I/O, no clock, no globals — the
 * catalogue, today's date and the benchmark come in as arguments.
 */
export * from './schema.ts';
export * from './catalogue.ts';
export * from './issues.ts';
export * from './prepared.ts';
export * from './conditions.ts';
export * from './visibility.ts';
export * from './validate-answers.ts';
export * from './score.ts';
export * from './localize.ts';
export * from './highlights.ts';
export * from './recommend.ts';
export * from './assess.ts';
export * from './check-questionnaire.ts';
