import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure } from '../../api/api-result.ts';
// From the module, not index.ts: the web app must not pull in zod (see vite.config.ts).
import { isSoloBusiness } from '../../../questionnaires/engine/localize.ts';
import { BusinessVoice, SOLO, TEAM, useApp, useI18n } from '../../app-context.ts';
import { problemMessage } from '../../state/problem-messages.ts';
import { Layout } from '../../components/layout/layout.tsx';
import { Notice } from '../../components/notice/notice.tsx';
import { PageHeading } from '../../components/page-heading/page-heading.tsx';
import { ProgressBar } from '../../components/progress-bar/progress-bar.tsx';
import { ResumeForm } from '../../components/resume-card/resume-form.tsx';
import { SaveFailure, SaveStatus } from '../../components/save-status/save-status.tsx';
import { checkPath } from '../../routes.tsx';
import type { CheckSession } from '../../state/check-session.ts';
import { stepToContinue } from '../../state/continue-check.ts';
import { RESULT_STEP, stepsOf } from '../../state/steps.ts';
import { LazyResultPage } from '../result/lazy-result-page.tsx';
import { QuestionnaireStep } from './questionnaire-step.tsx';

type Problem = { kind: 'no-code' } | { kind: 'failure'; failure: ApiFailure };

/** /check/<id>/<step>: opens the check (code from this device) and shows the page the URL names. */
export function CheckPage({ id, step, anchor }: { id: string; step: string | null; anchor: string }) {
  const app = useApp();
  const i18n = useI18n();
  const [problem, setProblem] = useState<Problem | null>(null);
  const session = app.session.value;
  const open = session && session.credentials.id === id ? session : null;

  // Runs when the URL names another check, not when the open check changes: while the app
  // switches to a new check (take it again, a typed code) this page must not pull the old one back.
  useEffect(() => {
    if (app.session.peek()?.credentials.id === id) return;
    setProblem(null);
    const credentials = app.store.credentials(id);
    if (!credentials) {
      setProblem({ kind: 'no-code' });
      return;
    }
    void app.openCheck(credentials).then((result) => {
      if (!result.ok) setProblem({ kind: 'failure', failure: result.failure });
    });
  }, [id]);

  const target = open ? redirectFor(open, step) : null;
  useEffect(() => {
    if (open && target) app.navigate(checkPath(id, target), { replace: true });
  }, [open, target]);
  // The page the business is on travels with the draft: resuming, on any device, opens it again.
  useEffect(() => {
    if (open && !target && step !== null && step !== RESULT_STEP && open.server.peek().status === 'draft') open.setStep(step);
  }, [open, target, step]);

  if (problem?.kind === 'no-code') {
    return (
      <Layout>
        <PageHeading>{i18n.t('check.needCodeTitle')}</PageHeading>
        <p class="lead">{i18n.t('check.needCodeText')}</p>
        <div class="card">
          <ResumeForm />
        </div>
      </Layout>
    );
  }
  if (problem) {
    const forbidden = problem.failure.status === 401 || problem.failure.status === 403;
    return (
      <Layout>
        <PageHeading>{i18n.t(forbidden ? 'check.forbiddenTitle' : 'check.loadFailedTitle')}</PageHeading>
        <Notice kind="error">{forbidden ? i18n.t('check.forbiddenText') : problemMessage(i18n, problem.failure)}</Notice>
        {forbidden ? (
          <div class="card">
            <ResumeForm />
          </div>
        ) : (
          <button type="button" class="button" onClick={() => window.location.reload()}>
            {i18n.t('error.reload')}
          </button>
        )}
      </Layout>
    );
  }
  if (!open || target) {
    return (
      <Layout>
        <p class="loading" role="status">
          {i18n.t('check.loading')}
        </p>
      </Layout>
    );
  }
  // A one-person business reads every questionnaire text in its one-person words, as soon as it says so.
  const voice = isSoloBusiness(open.prepared.definition, open.values.value.profile.employees) ? SOLO : TEAM;
  return (
    <BusinessVoice.Provider value={voice}>
      {step === RESULT_STEP ? (
        <LazyResultPage session={open} />
      ) : (
        <Layout status={<SaveStatus session={open} />} bar={<ProgressBar progress={open.progress.value} />} wide>
          <QuestionnaireStep session={open} stepId={step!} anchor={anchor} />
          <SaveFailure session={open} />
        </Layout>
      )}
    </BusinessVoice.Provider>
  );
}

/** Where a URL that names no page, or a page that no longer fits, should lead instead. */
function redirectFor(session: CheckSession, step: string | null): string | null {
  const submitted = session.server.value.status === 'submitted';
  if (submitted) return step === RESULT_STEP ? null : RESULT_STEP;
  if (step === null || step === RESULT_STEP) return stepToContinue(session);
  return stepsOf(session.prepared).some((s) => s.id === step) ? null : stepToContinue(session);
}
