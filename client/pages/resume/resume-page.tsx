import { useEffect, useState } from 'preact/hooks';
import { useApp, useI18n } from '../../app-context.ts';
import { Layout } from '../../components/layout/layout.tsx';
import { PageHeading } from '../../components/page-heading/page-heading.tsx';
import { ResumeForm } from '../../components/resume-card/resume-form.tsx';
import { RESUME_PATH, checkPath } from '../../routes.tsx';
import { continueWithCode } from '../../state/continue-check.ts';

/** /fortsetzen#CODE: the resume link. Continues at once; without a usable code it asks for one. */
export function ResumePage({ code }: { code: string }) {
  const app = useApp();
  const i18n = useI18n();
  const [state, setState] = useState<'working' | 'ask' | 'not-found'>(code ? 'working' : 'ask');

  useEffect(() => {
    if (!code) return;
    // The code leaves the address bar (and this history entry) at once.
    window.history.replaceState(null, '', RESUME_PATH);
    void continueWithCode(app, code).then((found) => {
      if (found.ok) app.navigate(checkPath(found.value.id, found.value.step), { replace: true });
      else setState('not-found');
    });
  }, [code]);

  return (
    <Layout>
      <PageHeading>{i18n.t('resume.pageTitle')}</PageHeading>
      {state === 'working' ? (
        <p class="loading" role="status">
          {i18n.t('resume.working')}
        </p>
      ) : (
        <>
          <p class="lead">{i18n.t('resume.pageText')}</p>
          <div class="card">
            <ResumeForm initialCode={code} initialError={state === 'not-found'} />
          </div>
        </>
      )}
    </Layout>
  );
}
