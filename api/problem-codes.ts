/**
 * Every refusal the API can answer, by its stable code: the one list the
 * server's error handler, the OpenAPI document, the web app's messages and
 * the README's error table come from. A code never changes meaning; a new
 * kind of refusal gets a new code. Free of zod, so the web app may import it.
 *
 * `PROBLEM_CODES` name a whole answer (`code` of the problem details);
 * `FIELD_CODES` name one offending field (`errors[].code`).
 */

export const PROBLEM_CODES = {
  'request.invalid': { status: 400, title: 'The request does not match the API: see errors' },
  'request.malformed': { status: 400, title: 'The request cannot be read (malformed JSON or URL)' },
  'request.too-large': { status: 413, title: 'The request body is too large' },
  'request.unsupported-media-type': { status: 415, title: 'The request body must be application/json' },
  'route.not-found': { status: 404, title: 'There is no such route' },
  'rate-limited': { status: 429, title: 'Too many requests; wait as long as Retry-After says' },
  internal: { status: 500, title: 'Something went wrong on the server' },

  'auth.login-required': { status: 401, title: 'This needs a login' },
  'auth.login-failed': { status: 401, title: 'E-mail address or password is wrong' },
  'auth.login-throttled': { status: 429, title: 'Too many failed logins; wait as long as Retry-After says' },
  'auth.csrf-missing': { status: 403, title: 'Missing or wrong CSRF token (header x-csrf-token)' },
  'auth.role-required': { status: 403, title: 'The logged-in user’s role may not do this' },
  'auth.cross-site': { status: 403, title: 'A request from another site may not change anything here' },

  'resume-code.required': { status: 401, title: 'This needs the check’s resume code (header x-resume-code)' },
  'resume-code.wrong': { status: 403, title: 'This resume code does not open this check' },
  'resume-code.unknown': { status: 404, title: 'No check has this resume code' },
  'resume-code.too-many-wrong': { status: 429, title: 'Too many wrong resume codes; wait as long as Retry-After says' },

  'questionnaire.unknown': { status: 400, title: 'There is no such questionnaire or version: see errors' },
  'questionnaire.not-found': { status: 404, title: 'There is no such questionnaire or version' },
  'questionnaire.not-installed': { status: 409, title: 'The check’s questionnaire version is no longer installed on this server' },

  'assessment.unknown-previous': { status: 400, title: 'No submitted check has this earlier resume code' },
  'assessment.invalid-answers': { status: 400, title: 'Answers or profile break the questionnaire’s rules: see errors' },
  'assessment.incomplete': { status: 400, title: 'The check is not complete: errors lists what is still open' },
  'assessment.not-found': { status: 404, title: 'There is no such check' },
  'assessment.not-submitted': { status: 404, title: 'This check has not been submitted yet' },
  'assessment.other-scout': { status: 403, title: 'This check belongs to another scout' },
  'assessment.revision-conflict': { status: 409, title: 'The check was changed elsewhere: apply the change again on top of `current`' },
  'assessment.already-submitted': { status: 409, title: 'The check is already submitted and no longer changes' },
  'assessment.visit-via-sync': { status: 409, title: 'A scout’s visit changes only through POST /api/sync' },

  'sync.invalid-changes': { status: 400, title: 'Changes break the questionnaire’s rules: see errors; nothing was applied' },
  'sync.foreign-visit': { status: 403, title: 'A change is for a visit of another user; nothing was applied' },
  'sync.foreign-change': { status: 403, title: 'A change id was sent by another user; nothing was applied' },
  'sync.change-conflict': { status: 409, title: 'A change id was synced before with other content; nothing was applied' },
  'sync.version-mismatch': { status: 409, title: 'A change is for another questionnaire version than its visit; nothing was applied' },
  'sync.resume-code-taken': { status: 409, title: 'A resume code is already in use; generate a new one. Nothing was applied' },
  'visit.not-found': { status: 404, title: 'There is no such visit' },

  'user.not-found': { status: 404, title: 'There is no such user' },
  'user.email-taken': { status: 409, title: 'A user with this e-mail address exists already' },
  'user.last-admin': { status: 400, title: 'The last active admin cannot be disabled or demoted' },
  'user.cannot-disable-self': { status: 400, title: 'Admins cannot disable themselves' },

  // Issue 16: offers, requests for help, leads.
  'offer.invalid': { status: 400, title: 'The offer breaks the catalogue’s rules: see errors' },
  'offer.not-found': { status: 404, title: 'There is no such workshop, partner or topic' },
  'offer.revision-conflict': { status: 409, title: 'The offer was changed elsewhere: apply the change again on top of `current`' },
  'offer.retired': { status: 409, title: 'The offer is retired and no longer changes' },
  'offer.in-use': { status: 409, title: 'The offer is still used by other offers, a questionnaire or as general adviser' },
  'contact.invalid': { status: 400, title: 'Contact details or consent are missing or wrong: see errors' },
  'contact.required': { status: 409, title: 'Give contact details and consent first (PUT /api/assessments/:id/contact)' },
  'help-request.invalid': { status: 400, title: 'The offer asked for is not on offer: see errors' },
  'help-request.id-conflict': { status: 409, title: 'This request id was used for another request' },
  'help-request.not-found': { status: 404, title: 'There is no such request' },
  'lead.not-found': { status: 404, title: 'No business behind this check consented to contact' },
  'lead.invalid': { status: 400, title: 'The follow-up is incomplete or names an unknown user: see errors' },
  'lead.revision-conflict': { status: 409, title: 'The lead was changed elsewhere: apply the change again on top of `current`' },

  // Issue 17: outbound mail.
  'mail.too-many': { status: 429, title: 'Too many report mails for this check or address; wait as long as Retry-After says' },
  'mail.not-found': { status: 404, title: 'There is no such mail in the queue' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;
export const PROBLEM_CODE_LIST = Object.keys(PROBLEM_CODES) as [ProblemCode, ...ProblemCode[]];
export type ProblemStatus = (typeof PROBLEM_CODES)[ProblemCode]['status'];
/** The codes answered with this status. */
export type ProblemCodeWithStatus<S extends number> = { [C in ProblemCode]: (typeof PROBLEM_CODES)[C]['status'] extends S ? C : never }[ProblemCode];

export const FIELD_CODES = [
  // Shapes, from the request schemas.
  'field.invalid-type',
  'field.too-small',
  'field.too-big',
  'field.invalid-format',
  'field.invalid-value',
  'field.unknown-key',
  'field.forbidden-key',
  'field.invalid',
  // The questionnaire's rules.
  'answer.unknown-question',
  'answer.unknown-option',
  'answer.duplicate-option',
  'answer.exclusive-option',
  'answer.not-applicable-not-offered',
  'answer.wrong-type',
  'answer.out-of-range',
  'answer.too-long',
  'answer.required',
  'relevance.unknown-question',
  'relevance.not-asked',
  'profile.unknown-trade',
  'profile.unknown-employee-band',
  'profile.required',
  'note.unknown-dimension',
  'questionnaire.unknown',
  'assessment.unknown-previous',
  // Sync batches and accounts.
  'sync.invalid-resume-code',
  'sync.submit-without-answers',
  'sync.resume-code-taken',
  'sync.change-conflict',
  'sync.foreign-visit',
  'sync.foreign-change',
  'sync.version-mismatch',
  'user.email-taken',
  'user.last-admin',
  'user.cannot-disable-self',
  // Offers, requests for help, leads.
  'offer.duplicate-id',
  'offer.unknown-topic',
  'offer.unknown-region',
  'offer.end-before-start',
  'offer.missing-place',
  'offer.unknown-audience',
  'offer.immutable-id',
  'offer.invalid',
  'contact.consent-version',
  'contact.channel-required',
  'help-request.not-offered',
  'lead.outcome-required',
  'lead.unknown-assignee',
] as const;

export type FieldCode = (typeof FIELD_CODES)[number];

/** Where in the request an offending field is. */
export const FIELD_LOCATIONS = ['body', 'query', 'path', 'header'] as const;
export type FieldLocation = (typeof FIELD_LOCATIONS)[number];

/** `type` of a problem: a relative URI that answers the code's description (GET /api/problems/<code>). */
export const problemType = (code: ProblemCode): string => `/api/problems/${code}`;
